//! Traditional characters folded to simplified ones (繁→简), one character at a time: the table
//! readers (header and category labels) and the target parser (`lang`) both read 萬 as 万, so the
//! table is below the parser and neither imports the other for it. `lang::lexicon` re-exports
//! [`simplify`] where the rest of the target vocabulary is.
//!
//! Decisions: one character for one character of the same UTF-8 length, so byte offsets found on
//! the simplified copy are valid on the text as written; a character with no mapping is itself;
//! a character that is not traditional costs one look into a bit table (the parser's hot path).

/// Traditional characters mapped to their simplified form, one character for one character of the
/// same UTF-8 length, so byte offsets stay valid on the simplified copy. A character that is not
/// one of them costs one look into a bit table ([`is_traditional`]).
#[inline]
pub fn simplify(c: char) -> char {
    if is_traditional(c) {
        simplified_of(c)
    } else {
        c
    }
}

/// The first character a traditional spelling may be (every one is a CJK unified ideograph;
/// `tests::traditional_characters_are_cjk_ideographs` holds it).
const TRADITIONAL_FIRST: u32 = 0x4E00;
/// Bits for U+4E00..U+A000, one a character: set where [`simplified_of`] changes it (built from
/// [`PAIRS`], whose order and shape are checked here, when the crate is compiled).
static TRADITIONAL: [u64; 328] = {
    let mut bits = [0u64; 328];
    let mut i = 0;
    while i < PAIRS.len() {
        let (traditional, simplified) = PAIRS[i];
        assert!(
            i == 0 || (PAIRS[i - 1].0 as u32) < traditional as u32,
            "PAIRS: sorted, once"
        );
        assert!(
            traditional as u32 != simplified as u32,
            "PAIRS: each pair changes"
        );
        assert!(
            traditional.len_utf8() == simplified.len_utf8(),
            "PAIRS: same length"
        );
        // below U+4E00 or past the table: an index out of bounds, a compile error
        let at = (traditional as u32 - TRADITIONAL_FIRST) as usize;
        bits[at / 64] |= 1 << (at % 64);
        i += 1;
    }
    bits
};

/// Whether [`simplify`] changes `c`.
#[inline]
pub fn is_traditional(c: char) -> bool {
    let i = (c as u32).wrapping_sub(TRADITIONAL_FIRST) as usize;
    i < TRADITIONAL.len() * 64 && TRADITIONAL[i / 64] >> (i % 64) & 1 == 1
}

/// The table behind [`simplify`], written once as data: each traditional character with its
/// simplified form, sorted by the traditional one. From it, `pairs!` makes [`PAIRS`] (what the
/// bit table [`TRADITIONAL`] is built from, with its order and shape checked when the crate is
/// compiled) and [`simplified_of`]'s `match` (a `match` on `char`, not a search: the compiler
/// makes it a decision tree, measured cheaper per traditional character than a binary search
/// over the array).
macro_rules! pairs {
    ($($traditional:literal => $simplified:literal,)*) => {
        /// Each traditional character with its simplified form, sorted by the traditional one.
        const PAIRS: &[(char, char)] = &[$(($traditional, $simplified)),*];

        /// The simplified form of a traditional character, `c` itself where [`PAIRS`] has none.
        pub(crate) const fn simplified_of(c: char) -> char {
            match c {
                $($traditional => $simplified,)*
                other => other,
            }
        }
    };
}

pairs! {
    '來' => '来',
    '個' => '个',
    '備' => '备',
    '傳' => '传',
    '價' => '价',
    '億' => '亿',
    '優' => '优',
    '儲' => '储',
    '兒' => '儿',
    '內' => '内',
    '兩' => '两',
    '冊' => '册',
    '則' => '则',
    '劃' => '划',
    '劑' => '剂',
    '動' => '动',
    '務' => '务',
    '勢' => '势',
    '勵' => '励',
    '區' => '区',
    '協' => '协',
    '參' => '参',
    '噸' => '吨',
    '國' => '国',
    '圍' => '围',
    '園' => '园',
    '圖' => '图',
    '執' => '执',
    '報' => '报',
    '場' => '场',
    '塊' => '块',
    '壓' => '压',
    '壞' => '坏',
    '壩' => '坝',
    '夠' => '够',
    '奪' => '夺',
    '學' => '学',
    '實' => '实',
    '寧' => '宁',
    '審' => '审',
    '寫' => '写',
    '寬' => '宽',
    '對' => '对',
    '導' => '导',
    '層' => '层',
    '屬' => '属',
    '師' => '师',
    '幣' => '币',
    '廢' => '废',
    '廣' => '广',
    '張' => '张',
    '彈' => '弹',
    '後' => '后',
    '從' => '从',
    '復' => '复',
    '徵' => '征',
    '徹' => '彻',
    '態' => '态',
    '慮' => '虑',
    '應' => '应',
    '戰' => '战',
    '戶' => '户',
    '採' => '采',
    '換' => '换',
    '揮' => '挥',
    '撥' => '拨',
    '擊' => '击',
    '據' => '据',
    '擴' => '扩',
    '數' => '数',
    '斷' => '断',
    '於' => '于',
    '時' => '时',
    '曉' => '晓',
    '書' => '书',
    '東' => '东',
    '條' => '条',
    '業' => '业',
    '極' => '极',
    '樂' => '乐',
    '樓' => '楼',
    '標' => '标',
    '樣' => '样',
    '橋' => '桥',
    '機' => '机',
    '檔' => '档',
    '檢' => '检',
    '權' => '权',
    '歲' => '岁',
    '歷' => '历',
    '歸' => '归',
    '殘' => '残',
    '氣' => '气',
    '況' => '况',
    '淨' => '净',
    '淺' => '浅',
    '減' => '减',
    '測' => '测',
    '準' => '准',
    '滅' => '灭',
    '滿' => '满',
    '漢' => '汉',
    '漲' => '涨',
    '漸' => '渐',
    '濕' => '湿',
    '濟' => '济',
    '災' => '灾',
    '為' => '为',
    '無' => '无',
    '燈' => '灯',
    '營' => '营',
    '爭' => '争',
    '狀' => '状',
    '獎' => '奖',
    '獨' => '独',
    '獲' => '获',
    '現' => '现',
    '環' => '环',
    '產' => '产',
    '産' => '产',
    '畝' => '亩',
    '畫' => '画',
    '異' => '异',
    '當' => '当',
    '療' => '疗',
    '發' => '发',
    '盡' => '尽',
    '監' => '监',
    '盤' => '盘',
    '確' => '确',
    '礦' => '矿',
    '禮' => '礼',
    '稅' => '税',
    '種' => '种',
    '稱' => '称',
    '積' => '积',
    '穩' => '稳',
    '窮' => '穷',
    '競' => '竞',
    '節' => '节',
    '範' => '范',
    '築' => '筑',
    '簡' => '简',
    '糧' => '粮',
    '紀' => '纪',
    '約' => '约',
    '紅' => '红',
    '純' => '纯',
    '紙' => '纸',
    '級' => '级',
    '細' => '细',
    '終' => '终',
    '組' => '组',
    '結' => '结',
    '絡' => '络',
    '給' => '给',
    '統' => '统',
    '經' => '经',
    '綜' => '综',
    '綠' => '绿',
    '維' => '维',
    '網' => '网',
    '緊' => '紧',
    '線' => '线',
    '編' => '编',
    '練' => '练',
    '縣' => '县',
    '縮' => '缩',
    '總' => '总',
    '績' => '绩',
    '織' => '织',
    '續' => '续',
    '聯' => '联',
    '聲' => '声',
    '職' => '职',
    '聽' => '听',
    '腦' => '脑',
    '臺' => '台',
    '與' => '与',
    '興' => '兴',
    '舉' => '举',
    '舊' => '旧',
    '莊' => '庄',
    '華' => '华',
    '萬' => '万',
    '蓋' => '盖',
    '藝' => '艺',
    '藥' => '药',
    '蘇' => '苏',
    '處' => '处',
    '號' => '号',
    '蟲' => '虫',
    '術' => '术',
    '衛' => '卫',
    '補' => '补',
    '裝' => '装',
    '製' => '制',
    '複' => '复',
    '見' => '见',
    '規' => '规',
    '視' => '视',
    '親' => '亲',
    '覺' => '觉',
    '覽' => '览',
    '觀' => '观',
    '訂' => '订',
    '計' => '计',
    '訓' => '训',
    '記' => '记',
    '訪' => '访',
    '設' => '设',
    '評' => '评',
    '詞' => '词',
    '試' => '试',
    '話' => '话',
    '該' => '该',
    '認' => '认',
    '語' => '语',
    '誤' => '误',
    '說' => '说',
    '課' => '课',
    '調' => '调',
    '請' => '请',
    '論' => '论',
    '證' => '证',
    '議' => '议',
    '護' => '护',
    '讀' => '读',
    '變' => '变',
    '讓' => '让',
    '貝' => '贝',
    '負' => '负',
    '貧' => '贫',
    '貨' => '货',
    '貫' => '贯',
    '費' => '费',
    '貼' => '贴',
    '資' => '资',
    '質' => '质',
    '購' => '购',
    '賽' => '赛',
    '趙' => '赵',
    '趨' => '趋',
    '跡' => '迹',
    '踐' => '践',
    '車' => '车',
    '軍' => '军',
    '較' => '较',
    '輕' => '轻',
    '輛' => '辆',
    '輪' => '轮',
    '轉' => '转',
    '辦' => '办',
    '農' => '农',
    '連' => '连',
    '週' => '周',
    '進' => '进',
    '遊' => '游',
    '運' => '运',
    '過' => '过',
    '達' => '达',
    '違' => '违',
    '遞' => '递',
    '遠' => '远',
    '適' => '适',
    '遷' => '迁',
    '選' => '选',
    '還' => '还',
    '邊' => '边',
    '邏' => '逻',
    '鄉' => '乡',
    '醫' => '医',
    '針' => '针',
    '銷' => '销',
    '鋪' => '铺',
    '鋼' => '钢',
    '錄' => '录',
    '錯' => '错',
    '鍵' => '键',
    '鎮' => '镇',
    '鐘' => '钟',
    '鐵' => '铁',
    '鑒' => '鉴',
    '長' => '长',
    '門' => '门',
    '閉' => '闭',
    '開' => '开',
    '間' => '间',
    '閱' => '阅',
    '關' => '关',
    '陣' => '阵',
    '陸' => '陆',
    '陽' => '阳',
    '隊' => '队',
    '階' => '阶',
    '際' => '际',
    '隨' => '随',
    '險' => '险',
    '隱' => '隐',
    '雙' => '双',
    '雜' => '杂',
    '雞' => '鸡',
    '離' => '离',
    '難' => '难',
    '電' => '电',
    '響' => '响',
    '頁' => '页',
    '頃' => '顷',
    '項' => '项',
    '須' => '须',
    '預' => '预',
    '領' => '领',
    '頭' => '头',
    '頻' => '频',
    '顆' => '颗',
    '題' => '题',
    '額' => '额',
    '願' => '愿',
    '類' => '类',
    '顯' => '显',
    '風' => '风',
    '飛' => '飞',
    '飲' => '饮',
    '養' => '养',
    '餘' => '余',
    '館' => '馆',
    '駐' => '驻',
    '驗' => '验',
    '驛' => '驿',
    '體' => '体',
    '魚' => '鱼',
    '鳥' => '鸟',
    '麥' => '麦',
    '黃' => '黄',
    '點' => '点',
    '黨' => '党',
    '齊' => '齐',
    '齡' => '龄',
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bit table covers every traditional character: none lies outside U+4E00..U+A000, and
    /// inside it the table and the mapping agree on every character.
    #[test]
    fn traditional_characters_are_cjk_ideographs() {
        let mut n = 0;
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let changes = simplified_of(c) != c;
            assert_eq!(is_traditional(c), changes, "{c} U+{:04X}", c as u32);
            assert_eq!(simplify(c), simplified_of(c));
            if changes {
                assert_eq!(c.len_utf8(), simplified_of(c).len_utf8(), "{c}");
                n += 1;
            }
        }
        assert!(n > 250, "{n} traditional characters");
    }
}
