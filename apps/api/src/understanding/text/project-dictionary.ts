/**
 * Local terms jieba's general dictionary splits or misses: estate and place names of the demo city, the centre's
 * jargon and department names. One entry per line as jieba reads them: `word [frequency] [tag]`.
 * A deployment adds its own with CLASSIFIER_DICT_PATH (a file in the same format).
 */
export const PROJECT_DICTIONARY = `
12345 100 n
工单 200 n
重复件 100 n
回访 200 v
签收 200 v
退单 200 v
催办 200 v
督办 200 v
办结 200 v
不满意 300 a
特急 100 a
一案一档 50 n
接诉即办 50 n
物业费 300 n
物业公司 300 n
维修基金 200 n
业委会 200 n
公租房 200 n
廉租房 200 n
安置房 200 n
棚改 200 n
房产证 300 n
不动产证 200 n
网约车 300 n
共享单车 300 n
渣土车 200 n
油烟机 100 n
广场舞 200 n
占道经营 200 n
违章建筑 300 n
违建 300 n
低保 300 n
高龄补贴 200 n
五险一金 200 n
灵活就业 200 n
欠薪 300 v
拖欠工资 300 v
社保卡 300 n
医保卡 300 n
公积金 300 n
学位房 100 n
小升初 100 n
培训机构 300 n
天然气 300 n
液化气 300 n
燃气表 200 n
水表 200 n
电表 200 n
停水 300 v
停电 300 v
停暖 200 v
暖气 300 n
井盖 300 n
内涝 200 n
积水 300 n
煤气味 200 n
幸福家园 50 ns
阳光花园 50 ns
麓谷街道 50 ns
岳麓区 50 ns
开福区 50 ns
天心区 50 ns
雨花区 50 ns
芙蓉区 50 ns
望城区 50 ns
`;
