#!/usr/bin/env bash
# Builds assets/example.pizhu.ron: the bundled 1998 China–Russia declaration,
# coded with the starter codebook through the headless CLI, as a user would.
#
#   scripts/make-example.sh [PIZHU_BINARY]     (default: cargo run --quiet --)
#
# The author is pinned, so the output is reproducible apart from the
# annotations' UUIDs and timestamps. The text is PDF-extracted and broken
# mid-sentence, so every quote below lies within one line of it.
# Taiwan (台湾) is in the starter codebook but not in this text: it stays unused.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -ge 1 ]; then pizhu=("$1"); else pizhu=(cargo run --quiet --); fi
export PIZHU_AUTHOR=pizhu-example

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The project takes its name from the file name.
project="$work/中俄联合声明 1998.pizhu.ron"

"${pizhu[@]}" new "$project" --doc assets/declaration-1998-zh.txt
tag() { "${pizhu[@]}" tag "$project" --doc declaration-1998-zh.txt "$@"; }

tag --code Kosovo --quote "科索沃局势仍令人关注" \
    --note "Kosovo heads the conflicts whose escalation could threaten the international community (section 8)."
tag --code Kosovo --quote "武力手段只能加强地区对立" \
    --note "Against the use of force: NATO had threatened air strikes on Yugoslavia in October 1998."
tag --code Kosovo --quote "尊重科索沃地区各民族合法权益" \
    --note "Settlement framed by Yugoslav sovereignty and territorial integrity plus the rights of Kosovo's peoples."
tag --code "ABM Treaty" --quote "保持和巩固限制反导弹" \
    --note "The treaty's name is split across a line break in the source: 限制反导弹 / 防御系统条约."
tag --code "ABM Treaty" --quote "防御系统条约非常重要" \
    --note "Called a cornerstone (基石) of world strategic stability."
tag --code "UN reform" --quote "联合国的改革:措施和提议" \
    --note "Agenda item under which the letter was circulated."
tag --code "UN reform" --quote "对联合国进行认真 合理的改革" \
    --note "Reform only if it keeps the mechanisms that work."
tag --code "UN reform" --quote "完善安理会的工作在联合国改革过程中占有特殊位置" \
    --note "Security Council primacy; the next sentence condemns attempts to bypass it."
tag --code Multipolarity --quote "建设性的多极化进程" \
    --note "Principle 1: multipolarity as the way to a balanced, stable, non-confrontational order."
tag --code Multipolarity --quote "世界多极化潜力" \
    --note "The UN as the vehicle of multipolarity, against unilateralism."
tag --code "NATO expansion" --quote "不扩大现有的或建立新的军事政治联盟" \
    --note "NATO is not named: no enlargement of existing military-political alliances."
tag --code "South Asia nuclear tests" --quote "关于南亚局势" \
    --note "The Indian and Pakistani tests of May 1998, not named."
tag --code "South Asia nuclear tests" --quote "全面禁止核试验条约" --all \
    --note "CTBT: once as an agenda item, once in the call on all states to accede unconditionally."
tag --code Afghanistan --quote "阿富汗局势及其对国际和平与安全的影响" \
    --note "Agenda item."
tag --code Afghanistan --quote "阿富汗危机不可能依靠武力解决" \
    --note "No military solution; a broad-based, representative government."
tag --code "Economic cooperation" --quote "认真落实业已达成的经贸合作协定" \
    --note "Trade agreements to implement before the prime ministers' 1999 meeting."
tag --code "Economic cooperation" --quote "中俄两国地方间的经济往来" \
    --note "Regional, not only central, economic ties."
tag --code "Separatism and extremism" --quote "遏制民族分裂主义和宗教极端主义" \
    --note "A code not in the starter codebook: tag creates it."

"${pizhu[@]}" check "$project"
cp "$project" assets/example.pizhu.ron
echo "wrote assets/example.pizhu.ron"
