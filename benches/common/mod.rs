//! What the benches share: a deterministic 6 MB-class Chinese text.

/// A deterministic PDF-like Chinese text of about `bytes` bytes: lines of
/// ~38 chars broken mid-sentence, a blank line after each, paragraphs.
pub fn generate_text(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "中俄",
        "两国",
        "关系",
        "世纪",
        "之交",
        "战略",
        "协作",
        "伙伴",
        "联合国",
        "安理会",
        "改革",
        "多极化",
        "科索沃",
        "反导",
        "条约",
        "南亚",
        "核试验",
        "阿富汗",
        "经济",
        "合作",
        "贸易",
        "能源",
        "科技",
        "发展",
        "和平",
        "安全",
        "稳定",
        "国际",
        "秩序",
        "主张",
        "认为",
        "强调",
        "支持",
        "反对",
        "霸权",
        "主义",
        "地区",
        "问题",
        "政治",
        "解决",
    ];
    let mut rng = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut text = String::with_capacity(bytes + 256);
    let mut line_len = 0;
    while text.len() < bytes {
        let word = WORDS[(next() % WORDS.len() as u64) as usize];
        text.push_str(word);
        line_len += word.chars().count();
        if next() % 9 == 0 {
            text.push('，');
            line_len += 1;
        }
        if line_len >= 38 {
            if next() % 6 == 0 {
                text.push_str("。\n\n ");
            } else {
                text.push_str("\n\n");
            }
            line_len = 0;
        }
    }
    text
}

/// xorshift64: deterministic, no dependency.
// Not every bench draws random numbers.
#[allow(dead_code)]
pub struct Rng(pub u64);

#[allow(dead_code)]
impl Rng {
    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}
