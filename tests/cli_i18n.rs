//! The CLI in both languages: help and messages follow the system locale
//! (`PIZHU_LANG`, else `LC_ALL`/`LC_MESSAGES`/`LANG`), while everything other
//! programs read (flags, exit codes, JSON, exported files) stays the same.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Run, pizhu, pizhu_in};

const ZH: &str = "zh_CN.UTF-8";

/// 科索沃 occurs twice.
const TEXT: &str = "世纪之交的中俄关系，科索沃问题。\n关于科索沃和阿富汗局势。\n";

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("a temp dir");
        std::fs::write(dir.path().join("doc.txt"), TEXT).expect("write");
        Self { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `pizhu new NAME --doc doc.txt` in `lang`.
    fn new_project(&self, lang: &str, name: &str) -> (PathBuf, Run) {
        let project = self.path(name);
        let doc = self.path("doc.txt");
        let run = pizhu_in(
            lang,
            [
                "new".as_ref(),
                project.as_os_str(),
                "--doc".as_ref(),
                doc.as_os_str(),
            ],
        );
        (project, run)
    }
}

fn tag_args<'a>(project: &'a Path, quote: &'a str, code: &'a str) -> Vec<&'a OsStr> {
    vec![
        "tag".as_ref(),
        project.as_os_str(),
        "--doc".as_ref(),
        "doc.txt".as_ref(),
        "--quote".as_ref(),
        quote.as_ref(),
        "--code".as_ref(),
        code.as_ref(),
    ]
}

/// Run the binary with exactly these locale variables (the others removed).
fn pizhu_with_locale(vars: &[(&str, &str)], args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pizhu"));
    command.args(args);
    for var in ["PIZHU_LANG", "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        command.env_remove(var);
    }
    command.envs(vars.iter().copied());
    let out = command.output().expect("the pizhu binary runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn help_is_in_chinese_under_a_chinese_locale() {
    let help = pizhu_in(ZH, ["--help"]).ok();
    assert!(
        help.starts_with("批注（Pizhu）：文本精读与质性编码工具"),
        "{help}"
    );
    assert!(help.contains("退出状态：0 表示成功"), "{help}");
    assert!(help.contains("显示帮助（使用 '-h' 查看摘要）"), "{help}");
    assert!(help.contains("显示版本"), "{help}");
    // The forms are the same; every command's summary is Chinese.
    assert!(help.contains("pizhu [FILE]"), "{help}");
    for command in [
        "new", "tag", "export", "import", "stats", "check", "merge", "agree", "help",
    ] {
        let line = help
            .lines()
            .find(|l| l.starts_with(&format!("  {command} ")))
            .unwrap_or_else(|| panic!("{command} missing from\n{help}"));
        assert!(has_han(line), "{line}");
    }
    let short = pizhu_in(ZH, ["-h"]).ok();
    assert!(
        short.contains("显示帮助（使用 '--help' 查看详细说明）"),
        "{short}"
    );
    assert!(short.contains("由文档创建项目"), "{short}");
}

#[test]
fn export_help_is_in_chinese_with_the_same_flags_and_formats() {
    let help = pizhu_in(ZH, ["export", "--help"]).ok();
    assert!(help.starts_with("将批注导出为其他工具的格式\n"), "{help}");
    for text in [
        "要导出的项目",
        "导出格式",
        "- csv:  每个编码片段一行（偏移量以字符计）",
        "- qdc:  REFI-QDA 代码本",
        "要写入的文件（以原子方式替换）",
        "仅用于 CSV：在文件开头写入 UTF-8 字节顺序标记（BOM）",
        "Usage: pizhu export [OPTIONS] --format <FMT> --out <PATH> <PROJECT>",
    ] {
        assert!(help.contains(text), "{text} missing from\n{help}");
    }
    // `pizhu help export` says the same as `pizhu export --help`.
    assert_eq!(pizhu_in(ZH, ["help", "export"]).ok(), help);
    // Every option of every command has its help in Chinese.
    for command in [
        "new", "tag", "export", "import", "stats", "check", "merge", "agree",
    ] {
        let help = pizhu_in(ZH, [command, "-h"]).ok();
        for line in help.lines().filter(|l| l.starts_with("  ")) {
            assert!(has_han(line), "{command}: {line}");
        }
    }
}

#[test]
fn english_help_is_unchanged() {
    let help = pizhu(["--help"]).ok();
    assert!(
        help.starts_with(
            "Pizhu (批注): close reading and qualitative coding of texts, Chinese first.\n\n\
             Without a command, opens the app: on FILE (a document: text in any encoding, \
             HTML, DOCX, EPUB or PDF; or a .pizhu.ron project), or on the bundled 1998 China–Russia declaration. The commands \
             work headless, on project files.\n\nUsage: pizhu [FILE]\n       pizhu <COMMAND>\n"
        ),
        "{help}"
    );
    assert!(help.contains("  -h, --help\n          Print help (see a summary with '-h')\n"));
    assert!(help.ends_with(
        "Exit status: 0 success, 1 bad input or failed check (the message names the file), 2 usage error.\n"
    ));
    // No Chinese besides the program's name.
    assert!(!has_han(&help.replace("批注", "")), "{help}");
    let export = pizhu(["export", "-h"]).ok();
    assert!(
        export.contains("      --format <FMT>  The format to write [possible values: csv, w3c, brat, qdpx, qdc, html, md]\n"),
        "{export}"
    );
    assert!(export.contains("  -h, --help          Print help (see more with '--help')"));
    for command in ["new", "tag", "import", "stats", "check", "merge", "agree"] {
        let help = pizhu([command, "--help"]).ok();
        assert!(!has_han(&help.replace("批注", "")), "{help}");
    }
}

#[test]
fn the_language_follows_the_system_locale() {
    let zh = pizhu_with_locale(&[("LANG", "zh_CN.UTF-8")], &["--help"]).ok();
    assert!(zh.starts_with("批注（Pizhu）"), "{zh}");
    let zh = pizhu_with_locale(
        &[("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_CN.UTF-8")],
        &["--help"],
    )
    .ok();
    assert!(zh.starts_with("批注（Pizhu）"), "{zh}");
    for english in [
        vec![],
        vec![("LANG", "C")],
        vec![("LANG", "en_GB.UTF-8")],
        // PIZHU_LANG wins over the locale.
        vec![("LANG", "zh_CN.UTF-8"), ("PIZHU_LANG", "en")],
    ] {
        let help = pizhu_with_locale(&english, &["--help"]).ok();
        assert!(help.starts_with("Pizhu (批注)"), "{english:?}: {help}");
    }
    let zh = pizhu_with_locale(&[("LANG", "C"), ("PIZHU_LANG", "zh_CN")], &["--help"]).ok();
    assert!(zh.starts_with("批注（Pizhu）"), "{zh}");
}

#[test]
fn new_prints_its_summary_in_chinese() {
    let fx = Fixture::new();
    let (project, run) = fx.new_project(ZH, "p.pizhu.ron");
    let out = run.ok();
    assert_eq!(
        out,
        format!(
            "已创建 {}，包含 1 个文档和 0 个编码\n  d-1  doc.txt（UTF-8，30 个字符）\n",
            project.display()
        )
    );
    // Replacing it notes the backup, in Chinese, after "pizhu: ".
    let (_, again) = fx.new_project(ZH, "p.pizhu.ron");
    assert_eq!(
        again.stderr,
        format!(
            "pizhu: 提示：{0} 已存在；原文件保留为 {0}.bak\n",
            project.display()
        )
    );
    again.ok();
}

#[test]
fn new_prints_its_summary_in_english() {
    let fx = Fixture::new();
    let (project, run) = fx.new_project("en", "p.pizhu.ron");
    assert_eq!(
        run.ok(),
        format!(
            "created {} with 1 document and 0 codes\n  d-1  doc.txt  (UTF-8, 30 characters)\n",
            project.display()
        )
    );
    let (_, again) = fx.new_project("C", "p.pizhu.ron");
    assert_eq!(
        again.stderr,
        format!(
            "pizhu: note: {0} existed; the previous file is kept as {0}.bak\n",
            project.display()
        )
    );
}

#[test]
fn messages_are_in_chinese_and_exit_codes_unchanged() {
    let fx = Fixture::new();
    let (project, run) = fx.new_project(ZH, "p.pizhu.ron");
    run.ok();

    let mut all = tag_args(&project, "科索沃", "Kosovo");
    all.push("--all".as_ref());
    let out = pizhu_in(ZH, &all).ok();
    assert_eq!(
        out,
        "已将 doc.txt 中 2 处“科索沃”标注为编码“Kosovo”（新编码 c-kosovo）\n"
    );
    let out = pizhu_in(ZH, tag_args(&project, "科索沃", "Kosovo")).ok();
    assert_eq!(out, "无需改动：doc.txt 中的“科索沃”已标注为编码“Kosovo”\n");

    let out = pizhu_in(ZH, ["check".as_ref(), project.as_os_str()]).ok();
    assert_eq!(out, "检查通过：1 个文档、1 个编码、2 条批注\n");

    // Failures: exit 1, "pizhu: " and the file first, the reason in Chinese.
    let err = pizhu_in(ZH, tag_args(&project, "台湾", "Kosovo")).fails_naming(&project);
    assert!(err.contains("找不到引文 \"台湾\""), "{err}");
    let err = pizhu_in(ZH, tag_args(&project, "", "Kosovo")).fails_naming(&project);
    assert!(err.contains("：引文为空"), "{err}");

    // Usage errors: exit 2, clap's frame, our words.
    let out = fx.path("out.json");
    let err = pizhu_in(
        ZH,
        [
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            "w3c".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
            "--bom".as_ref(),
        ],
    )
    .usage_error();
    assert!(err.contains("error: --bom 仅适用于 --format csv"), "{err}");
    let err = pizhu_in(ZH, ["stat"]).usage_error();
    assert!(err.contains("提示：存在相似的子命令“stats”"), "{err}");

    let csv = fx.path("out.csv");
    let out = pizhu_in(
        ZH,
        [
            "export".as_ref(),
            project.as_os_str(),
            "--format".as_ref(),
            "csv".as_ref(),
            "--out".as_ref(),
            csv.as_os_str(),
        ],
    )
    .ok();
    assert_eq!(out, format!("已将 2 条批注导出到 {}\n", csv.display()));

    let stats = pizhu_in(ZH, ["stats".as_ref(), project.as_os_str()]).ok();
    assert!(
        stats.starts_with(
            "p：1 个文档、1 个编码、2 个编码片段，覆盖 30 个字符中的 6 个\n作者：tester\n"
        ),
        "{stats}"
    );
    assert!(stats.contains("共现（相互重叠；"), "{stats}");
    let agree = pizhu_in(ZH, ["agree".as_ref(), project.as_os_str()]).ok();
    assert!(agree.starts_with("p：编码员 tester\n"), "{agree}");
    assert!(agree.contains("— = 无法计算：只有一位编码员"), "{agree}");
}

#[test]
fn merge_conflicts_are_reported_in_chinese() {
    let fx = Fixture::new();
    let (a, run) = fx.new_project(ZH, "a.pizhu.ron");
    run.ok();
    let (b, run) = fx.new_project(ZH, "b.pizhu.ron");
    run.ok();
    pizhu_in(ZH, tag_args(&a, "科索沃", "UN")).ok();
    pizhu_in(ZH, tag_args(&b, "阿富汗", "UN")).ok();
    // The second annotator gave UN another colour.
    let text = std::fs::read_to_string(&b).expect("read");
    let at = text.find("color: \"#").expect("a colour") + "color: \"#".len();
    let text = format!("{}123456{}", &text[..at], &text[at + 6..]);
    std::fs::write(&b, text).expect("write");

    let merged = fx.path("m.pizhu.ron");
    let args = [
        "merge".as_ref(),
        merged.as_os_str(),
        a.as_os_str(),
        b.as_os_str(),
    ];
    let run = pizhu_in(ZH, args);
    let stderr = run.stderr.clone();
    let out = run.ok();
    assert!(
        stderr.starts_with(&format!(
            "pizhu: 警告：{}：编码 \"UN\" 的颜色在此为 \"#123456\"",
            b.display()
        )),
        "{stderr}"
    );
    assert_eq!(
        out,
        format!(
            "已将 2 个项目合并到 {}：1 个文档、1 个编码、2 条批注，来自 1 位作者；1 处冲突已在上方报告\n",
            merged.display()
        )
    );

    let strict = fx.path("strict.pizhu.ron");
    let mut args = args.to_vec();
    args[1] = strict.as_os_str();
    args.push("--strict".as_ref());
    let err = pizhu_in(ZH, &args).fails_naming(&strict);
    assert!(err.starts_with("pizhu: 冲突："), "{err}");
    assert!(
        err.contains("：未写入：项目之间有 1 处冲突（--strict）"),
        "{err}"
    );
    assert!(!strict.exists());
}

#[test]
fn machine_readable_output_is_the_same_in_both_languages() {
    let fx = Fixture::new();
    let (project, run) = fx.new_project("en", "p.pizhu.ron");
    run.ok();
    pizhu(tag_args(&project, "科索沃", "Kosovo")).ok();
    for command in ["stats", "agree"] {
        let args = [command.as_ref(), project.as_os_str(), "--json".as_ref()];
        assert_eq!(pizhu(args).ok(), pizhu_in(ZH, args).ok(), "{command}");
    }
    for format in ["csv", "w3c", "md", "html"] {
        let mut files = Vec::new();
        for lang in ["en", ZH] {
            let out = fx.path(&format!("out-{lang}.{format}"));
            pizhu_in(
                lang,
                [
                    "export".as_ref(),
                    project.as_os_str(),
                    "--format".as_ref(),
                    format.as_ref(),
                    "--out".as_ref(),
                    out.as_os_str(),
                ],
            )
            .ok();
            files.push(std::fs::read(&out).expect("exported"));
        }
        assert_eq!(files[0], files[1], "{format}");
    }
    // --version is not prose.
    assert_eq!(pizhu(["--version"]).ok(), pizhu_in(ZH, ["--version"]).ok());
}
