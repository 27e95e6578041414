import { clausesOf, inquiryOnly, moodAt, settled, type Clause, type Mood } from './clauses';

/**
 * Emergencies as concepts, not phrases. A situation is who is at risk × what threatens × how imminent, each a
 * named lexicon of everyday words, matched within two neighbouring sentences of the call, so that "我妈记性不好，
 * 早上出去买菜。到现在天黑了还没回来" is a vulnerable person missing although the caller never says 走失.
 * Situations follow the national emergency taxonomy (自然灾害, 事故灾难, 公共卫生事件, 社会安全事件) and the
 * individual life-safety situations a hotline meets. Pure data and functions: the same in the API and the evaluation.
 */

/** Lexicons: the words a caller uses for one idea. */
export const LEXICON = {
  vulnerable: [
    '老人', '老太太', '老太', '老头', '老爷子', '老大爷', '老奶奶', '老爷爷', '大爷', '大妈', '我妈', '我爸', '俺娘', '俺爹', '我娘', '我爹', '老娘', '老爹', '母亲', '父亲', '奶奶', '爷爷',
    '外婆', '外公', '姥姥', '姥爷', '婆婆', '公公', '老伴', '孩子', '小孩', '儿子', '女儿', '孙子', '孙女', '外孙', '闺女', '娃', '宝宝', '小朋友', '学生', '病人', '患者', '精神',
    '智力', '痴呆', '糊涂', '记性不好', '记不住', '认不得路', '不认路', '不记得路', '自闭', '残疾', '傻', '脑子不好', '脑子不太好', '阿尔茨海默', '八十', '九十', '七十', '岁了',
  ],
  missing: [
    '没回来', '没回家', '还没回', '没到家', '没有回来', '没有回家', '不见了', '找不到', '找不着', '没找到', '联系不上', '打不通', '关机', '走丢', '走失', '失踪', '没见着',
    '不知道去哪', '不知道跑哪', '没影', '人没了', '一直没回', '没看见人', '到处找', '到处都找', '没接到', '没去学校', '没到学校', '没到校', '不在家', '人不在',
    '寻不见', '不见人', '没见人', '找遍', '问遍', '没人见', '跑出去', '冲出门', '跑丢', '不知去向', '没了影', '人影都没有', '不见人影',
  ],
  /** Missing words that alone say little (关机, 找不着 a valve): they need time passing beside them. */
  missingWeak: ['联系不上', '打不通', '关机', '找不到', '找不着', '没找到', '不接电话', '没人接', '不回消息', '不回微信', '没回消息'],
  elapsed: ['到现在', '一整天', '一晚上', '一夜', '天黑', '几个小时', '好几个小时', '半天', '一天了', '两天', '还没', '都没', '这都', '晚上了', '半夜', '点了', '一上午', '一下午', '从早上', '天快黑', '一宿', '一直没', '好久', '早上出', '下午出', '出门', '出去'],
  selfHarmStrong: [
    '跳楼', '跳下去', '跳河', '跳江', '跳桥', '要跳', '想跳', '往下跳', '不想活', '活不下去', '活着没意思', '活够了', '寻死', '轻生', '自杀', '割腕', '遗书', '交代后事',
    '安眠药', '喝药', '喝了农药', '吃了农药', '上吊', '烧炭', '寻短见', '想不开', '了结自己', '跟我告别', '告别的话', '不活了', '死了算了', '一死了之', '下辈子再见', '下辈子', '别找我', '托付给我', '翻到栏杆外', '翻过栏杆', '翻出栏杆', '遗言', '吞了一把药', '吃了一瓶药',
  ],
  highPlace: ['楼顶', '天台', '顶楼', '房顶', '屋顶', '桥上', '桥栏', '大桥', '江边', '河边', '窗台', '窗户外', '阳台外', '护栏外', '栏杆外', '塔吊上', '楼边', '边上', '水库边', '桥边', '江堤', '楼沿', '房檐'],
  distress: ['哭', '喊', '不下来', '不肯下来', '情绪激动', '情绪不稳', '腿都伸出去', '坐在边上', '站在边上', '往下看', '劝不住', '劝不下来', '说胡话', '要下去', '翻到', '翻过', '抓着栏杆', '不敢靠近', '往下看'],
  violence: [
    '砍人', '砍伤', '捅人', '捅了', '拿刀', '持刀', '拿着刀', '菜刀', '刀子', '在打人', '打人了', '往死里打', '打得', '被打', '掐脖子', '掐着', '勒住', '绑了', '绑走', '拖上车', '拽上车',
    '拉上车', '塞进车', '强行带走', '抱走', '抢孩子', '抢劫', '家暴', '追着打', '头破血流', '喊救命', '救命', '呼救', '砸门', '撬门', '动刀', '拿棍子', '拿砖头', '打老婆', '打媳妇', '打孩子', '扇耳光', '拳打脚踢',
    '弄死', '剁了', '砍死', '杀了你', '要杀', '踹门', '抡着', '攥着刀', '攥着一把', '手里有刀', '拿着一把', '持械', '干起来了', '打起来了', '打群架', '群殴', '拿着东西', '勒索', '绑架', '砍骨头的刀', '水果刀',
  ],
  trapped: [
    '被困', '困在', '困住', '出不来', '卡在半', '卡住了', '关在里面', '锁在车里', '关在车里', '压在下面', '压在底下', '压住了', '被埋', '埋住', '里面有人', '里面还有人', '人在里面',
    '有人在喊', '有人在里面喊', '在里面喊', '在里面拍', '拍门', '门打不开', '打不开门', '下不来', '上不去下不来', '锁着个', '车里锁着', '锁在里面', '反锁在',
  ],
  medical: [
    '晕倒', '晕过去', '昏迷', '昏倒', '倒地', '倒在地上', '倒下了', '躺在地上不动', '叫不醒', '喊不醒', '没反应', '没意识', '不省人事', '没呼吸', '没了呼吸', '没气了', '喘不上气',
    '喘不过气', '呼吸困难', '抽搐', '抽风', '口吐白沫', '吐血', '大出血', '血止不住', '流了好多血', '一地的血', '满身是血', '脸发紫', '嘴唇发紫', '心脏病犯', '胸口疼', '中风了', '半边身子',
    '救护车还没', '救护车没来', '救护车怎么还', '120打不通', '120一直', '快不行了', '不行了', '休克', '抽起来', '吐白沫', '冒白沫', '打滚', '中暑', '晒晕', '倒了两个', '倒了一个', '说胡话', '腿肿得', 'ICU', '重症监护', '呼吸机', '还没醒', '昏迷不醒', '倒下去', '不喘气', '按胸口', '心肺复苏', '嘴唇都青', '嘴唇发青', '喘得', '血一直流', '一直流血', '湿透', '看见墙上有', '站不起来', '痛到', '疼得直', '昏死', '昏过去', '摔倒起不来', '起不来了', '动不了了', '烧得很', '烫伤', '烧伤', '咬伤', '骨折', '头磕破', '噎住', '卡住喉咙', '脸色发白', '心跳',
  ],
  many: ['好多人', '好几个人', '好几个', '一家人', '全家', '一家子', '几十个', '十几个', '二十多个', '一群', '一桌', '好几桌', '工友', '同学们', '学生们', '员工', '大家', '一家', '几口人', '一批', '不少人', '几个人', '全班', '整个班', '一个宿舍', '孩子们', '老人们', '一个接一个', '二十来个', '十来个', '好些人', '一屋子', '一大片', '躺了'],
  illness: ['吐', '拉肚子', '腹泻', '呕吐', '发烧', '头晕', '肚子疼', '肚子痛', '送医院', '送医', '住院', '上吐下泻', '不舒服', '发热', '嘴唇发麻', '手脚发麻', '抽筋', '进医院', '急诊', '挂水', '输液', '起疹子', '出疹子', '咳嗽'],
  sharedSource: ['吃了', '吃完', '吃过', '喝了', '喝完', '食堂', '饭店', '酒席', '聚餐', '盒饭', '外卖', '宴席', '喜宴', '寿宴', '酒宴', '饭馆', '饭堂', '午饭', '晚饭', '早饭', '同一家', '喝水', '井水', '自来水', '桶装水', '办酒', '吃席', '吃的', '同一锅'],
  tapWater: ['自来水', '挑水', '那口井', '吃的井', '水龙头', '放出来的水', '饮用水', '井水', '水管里的水', '家里的水', '烧开的水', '开水', '喝的水', '吃水', '管网水', '的水', '水有', '水好'],
  waterBad: ['农药味', '化学味', '汽油味', '柴油味', '油味', '刺鼻', '怪味', '臭味', '发黑', '发红', '发绿', '浑浊', '有油花', '泡沫', '苦味', '药味', '消毒水味特别重', '一股味', '农药', '化学', '好怪', '怪怪', '煤油', '汽油', '绿的', '冒白烟', '黄的', '红的'],
  waterSource: ['上游', '水源', '取水口', '水库', '水厂', '饮用水源', '水源地', '自来水厂', '取水'],
  waterHarm: ['排', '倒', '漏', '泄', '翻', '污染', '死鱼', '变色', '油', '化工', '废水', '偷排', '倾倒', '罐车', '淌', '流进', '往河里'],
  harm: ['喝了', '喝过', '烧开', '人不舒服', '不舒服', '吐', '拉肚子', '头晕', '送医院', '孩子喝', '全家', '肚子痛', '肚子疼', '煲粥', '做饭', '还在用', '在喝', '羊喝', '喝了几口', '倒了', '还在挑'],
  structure: [
    '墙', '楼房', '楼体', '这栋楼', '整栋楼', '房子', '房屋', '阳台', '天花板', '屋顶', '脚手架', '塔吊', '桥', '山坡', '山体', '边坡', '挡土墙', '护坡', '后山', '地面', '路面', '地基', '地上裂', '广告牌', '招牌', '大树', '树干',
    '电线杆', '围墙', '桥墩', '房梁', '楼板', '外墙', '屋檐', '窗户', '吊顶', '雨棚', '堤', '河堤', '大坝', '坝', '山上', '土坡', '悬崖', '石头', '路基', '管架', '钢架', '棚子',
  ],
  failing: [
    '裂缝', '开裂', '裂开', '裂了', '塌', '倒了', '快倒', '要倒', '歪', '倾斜', '晃', '摇', '往下掉', '掉渣', '掉石头', '掉土', '滚石', '滚下来', '下沉', '沉下去', '陷下去', '陷了', '鼓起来', '鼓包',
    '变形', '咔咔响', '嘎吱', '松动', '垮', '滑下来', '往下滑', '溜下来', '决口', '漫过', '渗水', '管涌', '缝', '断了', '掉下来',
  ],
  exposure: [
    '有人', '住着', '底下', '下面', '路过', '孩子', '学生', '上学', '放学', '行人', '车来车往', '住户', '人来人往', '人多', '一家', '好几户', '几户', '老人', '工人', '公交站', '车站', '人行道', '小学', '幼儿园', '住的', '铺子', '人还在', '几家', '做生意', '村里',
  ],
  worsening: ['越来越', '变宽', '又宽了', '更宽', '一直在', '正在', '现在', '刚刚', '刚才', '马上', '随时', '眼看', '还在', '今天', '昨晚', '一晚上', '不停'],
  wire: ['电线', '电缆', '高压线', '电线杆', '电箱', '配电箱', '变压器', '插座', '线头', '电闸', '电表箱', '电缆井', '路灯杆', '充电桩', '电线头', '飞线'],
  wireFault: ['掉下来', '掉在地上', '落地', '垂下来', '垂到', '耷拉', '断了', '冒火花', '打火', '火花', '噼啪', '啪啪', '冒烟', '裸露', '露着', '泡在水里', '带电', '麻手', '电到', '滋滋', '冒青烟', '压下来', '压断', '拖在地上'],
  shock: ['触电', '被电', '电到人', '电着了', '漏电', '电倒了', '被电击'],
  fire: ['着火', '起火', '失火', '火灾', '火情', '烧起来', '冒烟', '浓烟', '黑烟', '火苗', '烧着了', '明火', '火光', '一股焦味', '焦糊味', '烧焦', '火很大', '火烧', '着了火', '火势', '蹿火', '火苗蹿', '窜出火'],
  gas: ['煤气', '燃气', '天然气', '液化气', '瓦斯', '气罐', '煤气罐', '燃气管', '气管子', '管道气'],
  gasSign: ['味', '漏', '嘶嘶', '泄', '臭', '呛', '冒气', '滋滋', '头晕', '中毒'],
  gasStrong: ['臭鸡蛋', '煤气味', '燃气味', '天然气味', '液化气味', '煤气中毒', '一氧化碳'],
  chemical: ['化学品', '危化品', '罐车', '槽罐车', '硫酸', '盐酸', '氯气', '氨气', '液氨', '化工厂', '油罐', '化工', '毒气', '有毒', '烧碱', '甲醛', '苯', '桶装化学', '铁桶', '化工桶', '废液', '不明液体', '黑乎乎的东西', '拉桶的', '罐子', '大罐', '储罐'],
  chemicalSign: ['泄漏', '漏了', '漏出来', '翻了', '刺鼻', '熏得', '呛', '流到', '流进', '冒白烟', '黄烟', '爆炸', '炸了', '睁不开眼', '喘不上气', '头晕', '渗', '眼泪直流', '辣眼睛', '冒泡', '冲鼻子', '在漏', '往外喷', '喷黄', '喷出'],
  flood: ['水', '洪水', '河水', '大水', '雨水', '山洪', '江水'],
  floodRising: ['进屋', '漫进', '淹到', '齐腰', '没过膝盖', '到胸口', '到腰', '漫上来', '涨上来', '冲走', '倒灌', '灌进', '涨得', '淹了', '淹没', '冲垮', '漫过'],
  floodPeople: ['老人', '孩子', '出不去', '被困', '车里', '困住', '瘫痪', '行动不便', '卧床', '人在', '困在', '爬到', '屋顶', '二楼', '等救', '喊救命', '一家', '车顶', '涵洞', '地下通道', '下穿'],
  crash: ['撞了', '撞到', '车祸', '翻车', '追尾', '碾', '撞倒', '撞飞', '被车', '相撞', '侧翻', '翻到沟', '掉沟', '冲下', '刮倒', '压到'],
  injured: ['受伤', '流血', '血', '躺在地上', '不动', '昏', '起不来', '卡在车里', '伤者', '人伤了', '伤得', '腿断', '骨折', '没反应', '哼', '叫唤'],
  outbreak: ['发烧', '咳嗽', '出疹子', '起疹子', '拉肚子', '呕吐', '发热', '腹泻', '水痘', '红眼', '手足口'],
  cluster: ['好多', '好几个', '十几个', '二十多', '一批', '全班', '整个班', '整栋', '一个宿舍', '一个车间', '同时', '接连', '陆续', '都在'],
  cold: ['冻', '零下', '雪地', '结冰', '大冷天', '寒潮', '冷得'],
  lying: ['躺在', '睡在', '倒在', '趴在', '蜷在', '缩在'],
  unresponsive: ['不动', '没反应', '叫不醒', '喊不醒', '没动静', '浑身发抖', '不吭声', '脸发紫', '嘴唇发紫', '起不来', '哼哼', '不会动'],
  lift: ['电梯', '轿厢', '上下的铁箱子', '升降', '扶梯', '游乐', '过山车', '摩天轮', '缆车', '索道', '大摆锤', '蹦极'],
  stuck: ['卡在', '卡住', '停在半', '停在两层', '停住', '悬在', '不动了', '掉下去', '下坠', '溜梯', '困住', '困在', '被困', '出不来', '门打不开', '在里面', '挂在', '吊在', '半空'],
  collapse: ['塌方', '坍塌', '倒塌', '垮塌', '塌陷', '塌了', '垮了', '滑坡', '泥石流', '塌下来', '砸下来'],
  drowning: ['落水', '溺水', '掉河里', '掉进河', '掉水里', '掉进水', '掉湖里', '掉塘里', '掉进池塘', '沉下去了', '被水冲走', '冲走了'],
  blast: ['爆炸', '炸了', '一声巨响', '炸开', '爆燃'],
  boiler: ['锅炉', '压力容器', '蒸汽管', '储气罐', '高压釜', '气瓶'],
  boilerSign: ['喷', '安全阀', '尖叫', '鼓起来', '烫伤', '烫了', '嘶嘶', '变形', '要炸'],
  radiation: ['放射性', '放射源', '辐射源', '放射的东西', '三个扇叶', '电离辐射'],
  poisonFood: ['毒蘑菇', '野蘑菇', '菌子', '野菜', '河豚', '发芽土豆'],
  poisonSign: ['吐', '晕', '抖', '看见', '幻觉', '麻', '抽', '说胡话', '不舒服', '拉肚子'],
} as const;

export type LexiconName = keyof typeof LEXICON;

/** How many neighbouring sentences a situation's groups may spread over (callers tell a story in pieces). */
export const WINDOW_SENTENCES = 3;

/** A situation: every group must have a term affirmed within a window of neighbouring sentences. */
export interface Situation {
  id: string;
  /** Shown in the reasons: 疑似老人或儿童走失. */
  label: string;
  /** The national taxonomy class or 个人生命安全. */
  category: '自然灾害' | '事故灾难' | '公共卫生事件' | '社会安全事件' | '个人生命安全';
  groups: readonly LexiconName[];
  /** Words that, in the same window, make the hit only a signal to confirm (a chimney's smoke is not a fire). */
  unless?: readonly string[];
}

export const SITUATIONS: readonly Situation[] = [
  { id: 'missing-vulnerable', label: '老人、儿童或病人下落不明', category: '个人生命安全', groups: ['vulnerable', 'missing'] },
  { id: 'unreachable-vulnerable', label: '老人、儿童或病人久未联系上', category: '个人生命安全', groups: ['vulnerable', 'missingWeak', 'elapsed'] },
  { id: 'self-harm', label: '有人可能轻生', category: '个人生命安全', groups: ['selfHarmStrong'] },
  { id: 'self-harm-place', label: '有人在高处情绪失控', category: '个人生命安全', groups: ['highPlace', 'distress'] },
  { id: 'violence', label: '暴力或劫持正在发生', category: '社会安全事件', groups: ['violence'] },
  { id: 'trapped', label: '有人被困', category: '事故灾难', groups: ['trapped'] },
  { id: 'lift-stuck', label: '电梯或游乐设施困人', category: '事故灾难', groups: ['lift', 'stuck'] },
  { id: 'medical', label: '急症或重伤', category: '个人生命安全', groups: ['medical'] },
  { id: 'mass-illness', label: '多人同餐同饮后发病', category: '公共卫生事件', groups: ['many', 'illness', 'sharedSource'] },
  { id: 'outbreak', label: '聚集性发病', category: '公共卫生事件', groups: ['cluster', 'outbreak'] },
  { id: 'tap-water', label: '饮用水异常', category: '公共卫生事件', groups: ['tapWater', 'waterBad', 'harm'] },
  { id: 'water-source', label: '饮用水源受污染', category: '事故灾难', groups: ['waterSource', 'waterHarm'] },
  { id: 'structure', label: '建筑、边坡或地面有失稳迹象', category: '事故灾难', groups: ['structure', 'failing', 'exposure', 'worsening'] },
  { id: 'wire', label: '电线断落或带电', category: '事故灾难', groups: ['wire', 'wireFault'] },
  { id: 'shock', label: '有人触电或设施漏电', category: '事故灾难', groups: ['shock'] },
  { id: 'fire', label: '火情', category: '事故灾难', groups: ['fire'], unless: ['烟囱', '秸秆', '烧轮胎', '焚烧', '烧垃圾', '油烟', '烧烤', '熏'] },
  { id: 'gas', label: '燃气泄漏', category: '事故灾难', groups: ['gas', 'gasSign'] },
  { id: 'gas-smell', label: '燃气泄漏', category: '事故灾难', groups: ['gasStrong'], unless: ['溪', '河里', '排污', '污水', '沟里', '管子里往'] },
  { id: 'chemical', label: '危险化学品泄漏', category: '事故灾难', groups: ['chemical', 'chemicalSign'] },
  { id: 'flood-people', label: '洪涝危及人员', category: '自然灾害', groups: ['flood', 'floodRising', 'floodPeople'] },
  { id: 'crash-injured', label: '交通事故有人受伤', category: '事故灾难', groups: ['crash', 'injured'] },
  { id: 'collapse', label: '坍塌或塌陷', category: '事故灾难', groups: ['collapse'] },
  { id: 'drowning', label: '有人落水', category: '个人生命安全', groups: ['drowning'] },
  { id: 'blast', label: '爆炸', category: '事故灾难', groups: ['blast'] },
  { id: 'pressure-vessel', label: '锅炉或压力容器失控', category: '事故灾难', groups: ['boiler', 'boilerSign'] },
  { id: 'radiation', label: '疑似放射源', category: '事故灾难', groups: ['radiation'] },
  { id: 'food-poison', label: '误食有毒食物', category: '公共卫生事件', groups: ['poisonFood', 'poisonSign'] },
  { id: 'exposed-cold', label: '有人在严寒中倒卧', category: '个人生命安全', groups: ['cold', 'lying'] },
  { id: 'lying-unresponsive', label: '有人倒卧无反应', category: '个人生命安全', groups: ['lying', 'unresponsive'] },
];

export interface SituationHit {
  situation: Situation;
  /** One term per group, in group order. */
  terms: string[];
  /** affirmed: every term affirmed now; otherwise the mood that held the strongest term back. */
  mood: Mood;
}

interface Occurrence {
  term: string;
  sentence: number;
  mood: Mood;
}

const RANK: Record<Mood, number> = { affirmed: 3, past: 1, hypothetical: 1, negated: 0 };

/**
 * Who else a "cannot reach" may be about: a tour guide, a head teacher or a landlord who does not answer is a
 * dispute, not a missing person. In the same clause as a missing term, these take it out.
 */
const NOT_THE_PERSON = [
  '导游', '园长', '老板', '亲戚', '施工队', '改造队', '师傅', '物业', '钥匙', '总阀', '房管所', '工头', '包工头', '中介', '商家', '店主', '客服', '司机',
  '房东', '旅行社', '车主', '主人', '经理', '负责人', '开发商', '厂家', '快递', '人就走', '几片',
];
const SUBJECT_BOUND: ReadonlySet<LexiconName> = new Set(['missing', 'missingWeak']);

/** Every occurrence of the lexicon's terms, with the sentence it stands in and its mood. */
function occurrences(clauses: readonly Clause[], terms: readonly string[], name?: LexiconName): Occurrence[] {
  const out: Occurrence[] = [];
  for (const c of clauses) {
    if (name && SUBJECT_BOUND.has(name) && NOT_THE_PERSON.some((w) => c.text.includes(w))) continue;
    for (const term of terms) {
      for (let at = c.text.indexOf(term); at >= 0; at = c.text.indexOf(term, at + term.length)) {
        out.push({ term, sentence: c.sentence, mood: moodAt(c.text, at, term, c.pastStory) });
      }
    }
  }
  return out;
}

/**
 * The situations the call describes. A hit whose terms are all affirmed within two neighbouring sentences is
 * `affirmed`; one whose terms are there but held back (negated, hypothetical, past) carries that mood, so the caller
 * can ask the agent to confirm instead of deciding alone.
 */
export function detectSituations(text: string, situations: readonly Situation[] = SITUATIONS): SituationHit[] {
  const clauses = clausesOf(text);
  const cache = new Map<LexiconName, Occurrence[]>();
  const occ = (name: LexiconName) => {
    let o = cache.get(name);
    if (!o) cache.set(name, (o = occurrences(clauses, LEXICON[name], name)));
    return o;
  };
  const sentences = clauses.length ? clauses[clauses.length - 1].sentence + 1 : 0;
  const hits: SituationHit[] = [];
  for (const situation of situations) {
    let best: SituationHit | null = null;
    let bestRank = -1;
    for (let s = 0; s < Math.max(1, sentences); s++) {
      const terms: string[] = [];
      let rank = 3;
      let mood: Mood = 'affirmed';
      for (const g of situation.groups) {
        const inWindow = occ(g).filter((o) => o.sentence >= s && o.sentence <= s + WINDOW_SENTENCES - 1);
        if (inWindow.length === 0) {
          rank = -1;
          break;
        }
        const pick = inWindow.reduce((a, b) => (RANK[b.mood] > RANK[a.mood] || (RANK[b.mood] === RANK[a.mood] && b.term.length > a.term.length) ? b : a));
        terms.push(pick.term);
        if (RANK[pick.mood] < rank) {
          rank = RANK[pick.mood];
          mood = pick.mood;
        }
      }
      if (rank === 3 && situation.unless) {
        const window = clauses.filter((c) => c.sentence >= s && c.sentence <= s + WINDOW_SENTENCES - 1).map((c) => c.text).join('');
        if (situation.unless.some((u) => window.includes(u))) {
          rank = 1;
          mood = 'hypothetical';
        }
      }
      if (rank > bestRank) {
        bestRank = rank;
        best = { situation, terms, mood };
      }
      if (bestRank === 3) break;
    }
    if (best && bestRank > 0) hits.push(best);
  }
  return hits;
}

export interface EmergencyAssessment {
  /** Situations affirmed now: the call is 特急 by concept. */
  affirmed: SituationHit[];
  /** Situations named but held back (hypothetical, past, or the call says it is over): a risk signal to confirm. */
  signals: SituationHit[];
  /** What the call said that settles it (已经找到, 修好了), when it did. */
  settledBy: string | null;
}

export function assessEmergency(text: string, situations: readonly Situation[] = SITUATIONS): EmergencyAssessment {
  const hits = detectSituations(text, situations);
  const settledBy = settled(text) ?? (inquiryOnly(text) ? '咨询' : null);
  const affirmed = settledBy ? [] : hits.filter((h) => h.mood === 'affirmed');
  const signals = hits.filter((h) => !affirmed.includes(h));
  return { affirmed, signals, settledBy };
}

export function describeSituation(h: SituationHit): string {
  return `${h.situation.label}（${h.situation.category}；${h.terms.join(' + ')}）`;
}
