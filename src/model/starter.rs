//! The codebook a new project on the bundled declaration starts with: the
//! themes of the 1998 China–Russia joint statement "世纪之交的中俄关系".

use super::codebook::{Code, CodeId, Color};

/// (id, name, description, keywords)
const STARTER: [(&str, &str, &str, &[&str]); 9] = [
    (
        "c-kosovo",
        "Kosovo",
        "科索沃：科索沃问题与巴尔干局势",
        &["科索沃"],
    ),
    (
        "c-abm-treaty",
        "ABM Treaty",
        "反导条约：限制反弹道导弹系统条约与战略稳定",
        &["反导", "防御系统条约"],
    ),
    (
        "c-un-reform",
        "UN reform",
        "联合国改革：安理会的作用与改革",
        &["联合国", "安理会", "改革"],
    ),
    (
        "c-multipolarity",
        "Multipolarity",
        "多极化：多极世界与国际新秩序",
        &["多极"],
    ),
    (
        "c-nato-expansion",
        "NATO expansion",
        "北约东扩：军事集团扩大",
        &["北约", "军事集团"],
    ),
    (
        "c-south-asia",
        "South Asia nuclear tests",
        "南亚核试验：印巴核试验与核不扩散",
        &["南亚", "核试验"],
    ),
    (
        "c-afghanistan",
        "Afghanistan",
        "阿富汗：阿富汗局势",
        &["阿富汗"],
    ),
    ("c-taiwan", "Taiwan", "台湾：一个中国原则", &["台湾"]),
    (
        "c-economic-cooperation",
        "Economic cooperation",
        "经济合作：经贸、能源与科技合作",
        &["经济", "合作", "贸易"],
    ),
];

/// The declaration's starter codebook, shortcuts 1–9 in order.
pub fn declaration_codebook() -> Vec<Code> {
    STARTER
        .iter()
        .enumerate()
        .map(|(i, (id, name, description, keywords))| Code {
            id: CodeId((*id).to_owned()),
            name: (*name).to_owned(),
            color: Color::distinct(i),
            parent: None,
            description: (*description).to_owned(),
            keywords: keywords.iter().map(|k| (*k).to_owned()).collect(),
            shortcut: Some((i + 1).to_string()),
        })
        .collect()
}
