import type { Urgency } from '@hotline/contracts';
import { clausesOf, moodAt, type Clause, type Mood } from './clauses';

/**
 * A keyword rule, kept as data an admin edits. `pattern` is groups joined by `+`, each group alternatives joined
 * by `|`: the rule matches when every group has a term in the text, e.g. `煤气|燃气 + 泄漏|气味`.
 */
export interface KeywordRule {
  id?: number;
  /** An urgency (urgency rules) or a department code (department rules). */
  target: string;
  /** What the rule stands for, shown in the reasons: 燃气泄漏. */
  label: string;
  pattern: string;
}

export interface ParsedPattern {
  groups: string[][];
}

/** The pattern's groups, or a message naming what is wrong with it. */
export function parsePattern(pattern: string): ParsedPattern | string {
  const groups = pattern.split('+').map((g) =>
    g
      .split('|')
      .map((t) => t.trim())
      .filter((t) => t.length > 0),
  );
  if (groups.length === 0 || groups.some((g) => g.length === 0)) return 'pattern needs terms: alternatives joined by |, groups by +, none empty';
  if (groups.length > 5) return 'pattern has more than 5 + groups';
  if (groups.flat().some((t) => t.length > 20)) return 'pattern terms are at most 20 characters';
  return { groups };
}

/**
 * The strongest mood in which `term` occurs in the call (affirmed beats past or hypothetical beats negated), or
 * null when it does not occur.
 */
function termMood(clauses: readonly Clause[], term: string): Mood | null {
  let best: Mood | null = null;
  if (!clauses.some((c) => c.text.includes(term))) return null;
  for (const c of clauses) {
    for (let at = c.text.indexOf(term); at >= 0; at = c.text.indexOf(term, at + 1)) {
      const mood = moodAt(c.text, at, term, c.pastStory);
      if (mood === 'affirmed') return mood;
      if (best === null || best === 'negated') best = mood;
    }
  }
  return best;
}

/**
 * The terms of the rule found in the text (one per group), or null when a group has none. `strict`: only terms
 * affirmed now count (urgency); otherwise any term that is not negated (a hypothetical gas leak is still about gas).
 */
let lastClauses: { text: string; clauses: Clause[] } | null = null;
/** The clauses of the text, kept for the next rule of the same text (rules are matched one after another). */
function clausesCached(text: string): Clause[] {
  if (lastClauses?.text !== text) lastClauses = { text, clauses: clausesOf(text) };
  return lastClauses.clauses;
}

export function matchPattern(text: string, p: ParsedPattern, strict = false): string[] | null {
  const clauses = clausesCached(text);
  const found: string[] = [];
  for (const group of p.groups) {
    const term = group.find((t) => {
      const mood = termMood(clauses, t);
      return mood === 'affirmed' || (!strict && mood !== null && mood !== 'negated');
    });
    if (term === undefined) return null;
    found.push(term);
  }
  return found;
}

export interface CompiledRule extends KeywordRule {
  parsed: ParsedPattern;
}

/** Parses each rule; a rule whose pattern does not parse is skipped (the admin API refuses such patterns anyway). */
export function compileRules(rules: readonly KeywordRule[]): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const r of rules) {
    const parsed = parsePattern(r.pattern);
    if (typeof parsed !== 'string') out.push({ ...r, parsed });
  }
  return out;
}

export interface RuleHit {
  rule: CompiledRule;
  terms: string[];
}

export function matchRules(text: string, rules: readonly CompiledRule[], strict = false): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const terms = matchPattern(text, rule.parsed, strict);
    if (terms) hits.push({ rule, terms });
  }
  return hits;
}

export function describeHit(h: RuleHit): string {
  return `${h.rule.label}（命中：${h.terms.join(' + ')}）`;
}

const RANK: Record<Urgency, number> = { extra_urgent: 2, urgent: 1, normal: 0 };

/** Urgency by rules: the most urgent level any rule matches, with the matched rules of that level as reasons. */
export function classifyUrgency(text: string, rules: readonly CompiledRule[]): { value: Urgency; reasons: string[] } {
  const hits = matchRules(text, rules, true).filter((h) => h.rule.target in RANK);
  if (hits.length === 0) return { value: 'normal', reasons: ['未命中特急、紧急规则：按普通件处理'] };
  const value = hits.map((h) => h.rule.target as Urgency).reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
  return { value, reasons: hits.filter((h) => h.rule.target === value).map(describeHit) };
}

const PEOPLE = '孩子|小孩|儿子|女儿|孙子|孙女|老人|老太太|老大爷|老爷爷|老奶奶|奶奶|爷爷|外婆|外公|父亲|母亲|爸爸|妈妈|老伴';

/**
 * The rules a new centre starts with (the migration seeds them; admins edit them afterwards).
 * 特急: danger to life, health or property now. 紧急: loss of water, power or heating, flooding, unsafe food in a
 * school, hazards that can hurt someone soon. Anything else is 普通.
 */
export const DEFAULT_URGENCY_RULES: readonly KeywordRule[] = [
  { target: 'extra_urgent', label: '燃气泄漏', pattern: '煤气|燃气|天然气|液化气|瓦斯 + 泄漏|泄露|漏气|气味|味道|味儿|很臭|爆炸|中毒|漏了|在漏' },
  { target: 'extra_urgent', label: '火灾', pattern: '着火|起火|失火|火灾|火情|烧起来|冒烟|浓烟|火苗蹿|烧着了' },
  { target: 'extra_urgent', label: '人员被困', pattern: '被困|困在|困住|困人|关在电梯|卡在电梯|电梯里出不来' },
  { target: 'extra_urgent', label: '电线掉落', pattern: '电线|高压线|电缆|电线杆 + 掉|落地|断了|垂下|耷拉|裸露|冒火花|打火|倒了' },
  { target: 'extra_urgent', label: '漏电', pattern: '漏电|触电|电到人' },
  { target: 'extra_urgent', label: '坍塌', pattern: '坍塌|倒塌|塌方|垮塌|塌陷|塌了|滑坡|要塌' },
  { target: 'extra_urgent', label: '人员走失', pattern: `走失|走丢|失踪|不见了|找不到了|找不着了 + ${PEOPLE}` },
  { target: 'extra_urgent', label: '医疗急救', pattern: '晕倒|昏迷|昏倒|不省人事|没了呼吸|呼吸困难|心脏病发|抽搐|大出血|流血不止|溺水|落水|跳楼|轻生|自杀|快不行了' },
  { target: 'extra_urgent', label: '危险化学品', pattern: '爆炸|危化品|化学品泄漏|有毒气体|毒气|氯气|氨气泄漏' },
  { target: 'extra_urgent', label: '人身安全', pattern: '持刀|拿刀|行凶|砍人|抢劫|家暴|打人了|要打死' },
  { target: 'urgent', label: '停水', pattern: '停水|断水|没水|没有水|没有自来水|水停了|不来水|没来水|水龙头没水' },
  { target: 'urgent', label: '停电', pattern: '停电|断电|没电|没有电|电停了|来电又停|整栋楼黑' },
  { target: 'urgent', label: '停暖', pattern: '停暖|暖气不热|没有暖气|没暖气|暖气停了|供暖中断|暖气冰凉|暖气不通' },
  { target: 'urgent', label: '停气', pattern: '停气|燃气停了|没有燃气|没气了|打不着火' },
  { target: 'urgent', label: '内涝积水', pattern: '内涝|积水|被淹|淹了|水漫|漫进|倒灌|爆管|水管爆|管道破裂|水管破裂|污水外溢|下水道堵塞冒水' },
  { target: 'urgent', label: '学校食品安全', pattern: '学校|幼儿园|食堂|学生|托管 + 食物中毒|变质|发霉|过期|异物|拉肚子|呕吐|腹泻|吃坏' },
  { target: 'urgent', label: '食物中毒', pattern: '食物中毒|集体中毒' },
  { target: 'urgent', label: '井盖缺失', pattern: '井盖 + 丢|没了|没有|缺失|坏|破|掀|翘' },
  { target: 'urgent', label: '电梯故障', pattern: '电梯 + 故障|坏了|停运|急停|下坠|溜梯' },
  { target: 'urgent', label: '树木倒伏', pattern: '树|广告牌|招牌 + 倒了|倒在|压住|砸|快倒' },
];

/** Department keyword rules (department codes of libs/contracts departments.ts): the starting point without history. */
export const DEFAULT_DEPARTMENT_RULES: readonly KeywordRule[] = [
  { target: 'health', label: '医疗卫生', pattern: '医院|医生|护士|看病|挂号|诊所|卫生院|疫苗|接种|核酸|计生|生育|独生子女|卫健|病床|急诊|医疗' },
  { target: 'commerce', label: '商贸旅游', pattern: '商场|超市|预付卡|旅游|景区|导游|旅行社|酒店|商户|商贸|电商|外卖平台|游客|门票' },
  { target: 'market', label: '市场监管', pattern: '价格|假货|质量问题|消费者|退款|食品安全|过期食品|虚假宣传|缺斤少两|营业执照|无证经营|三无产品|计量|药店|保健品' },
  { target: 'housing', label: '住房建设', pattern: '物业|开发商|房产证|维修基金|业委会|拆迁|棚改|公租房|廉租房|安置房|购房|商品房|交房|工地|施工|建筑|小区|楼盘|房屋|住建' },
  { target: 'transport', label: '交通运输', pattern: '公交|出租车|的士|地铁|客运|驾校|网约车|车站|公路|高速|班车|线路|站台|运输|航班|火车' },
  { target: 'resources', label: '自然资源', pattern: '土地|规划|宅基地|国土|测绘|用地|采矿|矿山|不动产登记|征地|林地|耕地' },
  { target: 'environment', label: '生态环境', pattern: '污染|噪音|噪声|油烟|排放|废气|污水|环保|粉尘|臭味|异味|辐射|扬尘|排污|化工厂' },
  { target: 'education', label: '教育', pattern: '学校|老师|教师|学生|幼儿园|入学|学位|招生|补课|培训机构|学费|教育|校车|中考|高考|班主任' },
  { target: 'hrss', label: '人社', pattern: '工资|社保|养老金|医保|失业|劳动合同|欠薪|拖欠|人才|退休|就业|职称|工伤|加班费|辞退|五险一金|劳务' },
  { target: 'civil', label: '民政', pattern: '低保|养老院|敬老院|婚姻登记|殡葬|墓地|残疾|救助|高龄补贴|社会组织|慈善|流浪|特困|居委会|村委会' },
  { target: 'police', label: '公安', pattern: '户口|身份证|报警|治安|诈骗|小偷|盗窃|打架|派出所|居住证|警察|传销|赌博|吸毒|交警|违章停车' },
  { target: 'urban', label: '城管执法', pattern: '占道|摆摊|违建|违章建筑|乱搭|搭建|城管|广告牌|渣土|垃圾清运|垃圾桶|路灯|绿化|井盖|流动摊贩|乱贴' },
  { target: 'utilities', label: '水电气', pattern: '停水|停电|自来水|水费|电费|燃气|煤气|天然气|供暖|暖气|水压|水管|电表|水表|燃气表|供电|供水|爆管' },
];
