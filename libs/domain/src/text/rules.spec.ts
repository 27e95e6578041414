import type { Urgency } from '@hotline/contracts';
import { areaOf, normalizeAddress } from './address';
import { DEFAULT_URGENCY_RULES, classifyUrgency, compileRules, matchPattern, parsePattern } from './rules';

const rules = compileRules(DEFAULT_URGENCY_RULES);

/** Call texts as agents type them while the citizen speaks, with the urgency a senior agent would give. */
const CALLS: Array<[string, Urgency]> = [
  // 特急: danger to life, health or property now
  ['市民来电：家里厨房闻到很浓的煤气味，不敢开灯，请马上派人来看看', 'extra_urgent'],
  ['幸福家园5栋2单元楼道里天然气味道很大，怀疑管道泄漏', 'extra_urgent'],
  ['饭店后厨液化气罐漏气了，老板不在，很多人在吃饭', 'extra_urgent'],
  ['我们楼下门面着火了，烟很大，已经打了119，请协调', 'extra_urgent'],
  ['小区垃圾站起火，火苗蹿得很高，离电动车棚很近', 'extra_urgent'],
  ['对面山上有火情，风很大，村民很担心', 'extra_urgent'],
  ['配电房一直在冒烟，还有焦糊味', 'extra_urgent'],
  ['电梯突然停在8楼和9楼中间，我母亲被困在里面二十分钟了', 'extra_urgent'],
  ['地下车库进水，有人困在车里出不去', 'extra_urgent'],
  ['路边的高压线断了掉在地上，还在冒火花，小孩放学要经过', 'extra_urgent'],
  ['大风把电线杆吹倒了，电线垂下来挡在路中间', 'extra_urgent'],
  ['小区路灯杆漏电，刚才一条狗被电到了', 'extra_urgent'],
  ['老房子的墙体开裂，今天早上阳台坍塌了一半，楼下还住着人', 'extra_urgent'],
  ['山边工地塌方，把路边的两间房子压了', 'extra_urgent'],
  ['马路中间突然塌陷了一个大坑，车子差点掉下去', 'extra_urgent'],
  ['我家孩子放学后走失了，七岁，穿红色外套，到现在找不到了', 'extra_urgent'],
  ['我爷爷有老年痴呆，早上出门散步后不见了', 'extra_urgent'],
  ['公交站台有个老人晕倒了，叫不醒，请帮忙联系', 'extra_urgent'],
  ['邻居老太太昏迷在家里，门反锁着进不去', 'extra_urgent'],
  ['工地上一个工人从架子上摔下来大出血', 'extra_urgent'],
  ['河边有个小孩落水了，周围没有救生设备', 'extra_urgent'],
  ['楼顶有个年轻人站在边上说要跳楼', 'extra_urgent'],
  ['化工厂那边有刺鼻的有毒气体飘过来，好多人咳嗽', 'extra_urgent'],
  ['刚才听到一声爆炸，商铺的玻璃都震碎了', 'extra_urgent'],
  ['楼下有人拿刀追着人砍，太吓人了', 'extra_urgent'],
  ['隔壁家暴，女的一直在喊救命', 'extra_urgent'],
  ['出租屋里有人煤气中毒了，已经没有意识', 'extra_urgent'],
  ['我父亲心脏病发作，救护车一直没到', 'extra_urgent'],
  // 紧急: loss of water, power or heating, flooding, unsafe food in a school, hazards
  ['我们整个小区从昨天晚上开始停水，一千多户没水用', 'urgent'],
  ['阳光花园已经停电六个小时了，冰箱里的东西都坏了', 'urgent'],
  ['这栋楼暖气不热，屋里只有十度，家里有老人', 'urgent'],
  ['供暖中断两天了，物业说等通知', 'urgent'],
  ['下大雨后小区地下室积水有半米深', 'urgent'],
  ['路口积水很深，车辆熄火，行人过不去', 'urgent'],
  ['马路上水管爆了，水一直往外冒', 'urgent'],
  ['孩子在学校食堂吃了午饭后好几个学生拉肚子', 'urgent'],
  ['幼儿园给孩子吃的面包过期了，家长很着急', 'urgent'],
  ['人民路上一个井盖没了，晚上很危险', 'urgent'],
  ['小区电梯今天已经故障三次了，老人上下楼很困难', 'urgent'],
  ['台风把路边的大树吹倒在马路上，挡住了车道', 'urgent'],
  ['我们村里从上周开始没有自来水，只能去河里挑水', 'urgent'],
  ['燃气停了一整天，做不了饭，也没有通知', 'urgent'],
  ['商铺的广告牌快倒了，摇摇晃晃的，下面是人行道', 'urgent'],
  // 普通: everything else
  ['咨询一下灵活就业人员社保怎么缴费', 'normal'],
  ['楼下餐馆油烟很大，每天晚上都熏到我家', 'normal'],
  ['小区物业乱收停车费，一个月涨了一百块', 'normal'],
  ['公司拖欠我三个月工资，老板不接电话', 'normal'],
  ['想问问孩子入学需要准备哪些材料', 'normal'],
  ['公交车司机态度很差，还骂乘客', 'normal'],
  ['路边有人占道摆摊，影响通行', 'normal'],
  ['我要表扬一下社区的王书记，帮我们解决了大问题', 'normal'],
  ['建议在学校门口增设一个红绿灯', 'normal'],
  ['在超市买到的牛奶过了保质期，要求退款商家不同意', 'normal'],
  ['没有停水，我就是想问问水费为什么这么贵', 'normal'],
  ['咨询燃气开户需要什么手续', 'normal'],
  ['隔壁装修噪音太大，周末早上七点就开始', 'normal'],
  ['驾照到期了换证在哪里办理', 'normal'],
  ['小区绿化带被人种了菜，希望管一管', 'normal'],
  ['网上买的衣服质量有问题，商家不给退', 'normal'],
  ['反映一下我们这里的低保申请一直没有批下来', 'normal'],
  ['出租车绕路多收费', 'normal'],
  ['医院挂号排队太久，希望增加窗口', 'normal'],
  ['想咨询公积金贷款的额度', 'normal'],
];

describe('urgency rules on call texts', () => {
  it('holds at least 60 realistic calls', () => {
    expect(CALLS.length).toBeGreaterThanOrEqual(60);
  });

  it('catches every 特急 call', () => {
    const missed = CALLS.filter(([t, u]) => u === 'extra_urgent' && classifyUrgency(t, rules).value !== 'extra_urgent').map(([t]) => t);
    expect(missed).toEqual([]);
  });

  it.each(CALLS)('%s -> %s', (text, urgency) => {
    expect(classifyUrgency(text, rules).value).toBe(urgency);
  });

  it('gives the matched terms as reasons', () => {
    const r = classifyUrgency('厨房闻到很浓的煤气味', rules);
    expect(r).toEqual({ value: 'extra_urgent', reasons: ['燃气泄漏（命中：煤气 + 气味）'] });
  });

  it('takes the most urgent level when rules of several levels match, listing only that level', () => {
    const r = classifyUrgency('停电以后配电箱起火了', rules);
    expect(r.value).toBe('extra_urgent');
    expect(r.reasons).toEqual(['火灾（命中：起火）']);
  });

  it('says why a call is normal', () => {
    expect(classifyUrgency('咨询社保', rules).reasons[0]).toContain('普通');
  });

  it('ignores a term right after a negation but not a later affirmed one', () => {
    expect(classifyUrgency('没有停水', rules).value).toBe('normal');
    expect(classifyUrgency('昨天没有停水，今天停水了', rules).value).toBe('urgent');
  });

  it('edits to the data change the outcome', () => {
    const custom = compileRules([{ target: 'extra_urgent', label: '堤坝险情', pattern: '堤坝|河堤 + 管涌|决口' }]);
    expect(classifyUrgency('河堤出现管涌', custom).value).toBe('extra_urgent');
    expect(classifyUrgency('河堤出现管涌', compileRules([])).value).toBe('normal');
  });
});

describe('patterns', () => {
  it('parses groups and alternatives, refusing empty ones', () => {
    expect(parsePattern('a|b + c')).toEqual({ groups: [['a', 'b'], ['c']] });
    expect(parsePattern('a + ')).toMatch(/empty/);
    expect(parsePattern('||')).toMatch(/empty/);
    expect(parsePattern('x'.repeat(21))).toMatch(/20 characters/);
  });

  it('needs every group', () => {
    const p = parsePattern('电线 + 断了') as Exclude<ReturnType<typeof parsePattern>, string>;
    expect(matchPattern('电线断了', p)).toEqual(['电线', '断了']);
    expect(matchPattern('电线老化', p)).toBeNull();
  });
});

describe('addresses', () => {
  it('normalises width, case, spaces and punctuation', () => {
    expect(normalizeAddress(' 幸福家园 ５栋－２单元 ')).toBe('幸福家园5栋2单元');
    expect(normalizeAddress('   ')).toBeNull();
  });

  it.each([
    ['岳麓区麓谷街道幸福家园3栋2单元', '幸福家园'],
    ['幸福家园5栋', '幸福家园'],
    ['幸福家园小区5栋', '幸福家园'],
    ['人民路123号', '人民路'],
    ['湖南省长沙市岳麓区人民路12号', '人民路'],
    ['阳光社区东区', '阳光社区'],
  ])('area of %s is %s', (a, area) => {
    expect(areaOf(a)).toBe(area);
  });
});
