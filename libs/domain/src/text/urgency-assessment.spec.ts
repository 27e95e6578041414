import { assessEmergency, detectSituations } from './emergency';
import { DEFAULT_URGENCY_RULES, compileRules } from './rules';
import { trainRoutingModel } from './routing-model';
import { URGENCIES, assessUrgency } from './urgency-assessment';

const rules = compileRules(DEFAULT_URGENCY_RULES);
const assess = (text: string) => assessUrgency(text, { rules });

describe('emergencies as concepts', () => {
  it.each([
    // who × what × how imminent, none of them with the textbook word
    ['我妈记性不好，早上说去菜场买菜。到现在天都黑了还没回来，手机也关机了', '老人、儿童或病人下落不明'],
    ['对面楼顶边上坐着个小伙子，腿都伸出去了，一直在哭', '有人在高处情绪失控'],
    ['她刚才给我发微信说下辈子再见，电话也不接了', '有人可能轻生'],
    ['后山那道缝这两天越来越宽，一直往下掉石头，底下住着好几户', '建筑、边坡或地面有失稳迹象'],
    ['村里办酒席，吃完以后好几个人上吐下泻，都送医院了', '多人同餐同饮后发病'],
    ['今天自来水有股农药味，孩子喝了以后一直吐', '饮用水异常'],
    ['上游那个厂往河里偷排废水，下游就是水厂取水口', '饮用水源受污染'],
    ['有个男的拿着刀在小区门口追人，说要弄死他', '暴力或劫持正在发生'],
    ['我们楼那个电梯卡在半截了，里面还有人在喊', '有人被困'],
    ['下大雨，水已经漫进屋了，家里老人瘫痪在床出不去', '洪涝危及人员'],
  ])('%s -> %s', (text, label) => {
    const { affirmed } = assessEmergency(text);
    expect(affirmed.map((h) => h.situation.label)).toContain(label);
    expect(assess(text)).toMatchObject({ value: 'extra_urgent', confirm: false });
  });

  it('gives the situation, its category and the words as reasons', () => {
    const r = assess('我妈记性不好，早上出去了，到现在还没回来');
    expect(r.reasons[0]).toMatch(/^紧急情形：老人、儿童或病人下落不明（个人生命安全；.+ \+ .+）$/);
  });

  it.each([
    // negations, hypotheticals, past events, settled ones, inquiries: named but not happening now
    ['万一楼道里堆的东西着火了怎么办'],
    ['上个月家里燃气漏气，已经修好了，想问问赔偿找谁'],
    ['老人昨天走丢了，已经找到了，想表扬一下派出所'],
    ['我想问问家暴告诫书怎么申请'],
  ])('%s is not 特急, but asks the agent to confirm', (text) => {
    const r = assess(text);
    expect(r.value).not.toBe('extra_urgent');
    expect(r.confirm).toBe(true);
    expect(r.reasons[0]).toMatch(/^疑似特急，请确认：/);
  });

  it('a denied emergency is no emergency', () => {
    expect(assess('你别误会，不是有人晕倒，就是想在小区装台除颤仪').value).toBe('normal');
    expect(assess('没有停水，我就是想问问水费').value).toBe('normal');
    expect(assess('不是漏气，就是想问问燃气费怎么多扣了')).toMatchObject({ value: 'normal', confirm: false });
  });

  it('a call without any risk is neither 特急 nor a question to confirm', () => {
    expect(assess('咨询一下灵活就业人员社保怎么缴费')).toMatchObject({ value: 'normal', confirm: false });
    expect(detectSituations('小区物业乱收停车费')).toEqual([]);
  });

  it('keeps the 紧急 rules for supply cuts', () => {
    expect(assess('整个小区从昨天晚上开始停水')).toMatchObject({ value: 'urgent', confirm: false });
  });
});

describe('the learned urgency model beside the concepts', () => {
  const doc = (text: string, label: string) => ({ tokens: [...text], label, weight: 1 });
  const model = trainRoutingModel(
    [
      ...Array.from({ length: 6 }, () => doc('堤坝管涌冒水', 'extra_urgent')),
      ...Array.from({ length: 6 }, () => doc('咨询社保缴费', 'normal')),
      ...Array.from({ length: 6 }, () => doc('小区停水停电', 'urgent')),
    ],
    URGENCIES,
  );

  it('makes a call 特急 on its own when it is sure, with its words as reasons and a confirmation', () => {
    const r = assessUrgency('堤坝管涌', { rules: compileRules([]), model, features: [...'堤坝管涌'] });
    expect(r.value).toBe('extra_urgent');
    expect(r.confirm).toBe(true);
    expect(r.reasons[0]).toContain('相似来电多为特急');
    expect(r.probabilities.extra_urgent).toBeGreaterThan(0.6);
  });

  it('leaves a call the model knows as ordinary alone', () => {
    const r = assessUrgency('咨询社保', { rules: compileRules([]), model, features: [...'咨询社保'] });
    expect(r).toMatchObject({ value: 'normal', confirm: false });
  });
});
