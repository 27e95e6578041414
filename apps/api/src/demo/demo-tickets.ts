import type { CreateTicketRequest, TicketAction } from '@hotline/contracts';
import type { ActionBody } from '../casework/tickets/dto/action.dto';

interface DemoTicket {
  ticket: CreateTicketRequest;
  steps: Array<{ action: TicketAction; by: string; body?: ActionBody }>;
}

/** Department ids follow the contract's order: 1 health ... 4 housing, 5 transport, 12 urban, 13 utilities. */
export const DEMO_TICKETS: DemoTicket[] = [
  {
    ticket: {
      callerPhone: '13800001111',
      callerName: '张先生',
      category: 'help',
      urgency: 'extra_urgent',
      address: '幸福路18号和平小区5栋',
      content: '楼道里有很浓的煤气味，怀疑燃气管道泄漏，已经让邻居开窗，请尽快派人来处理。',
      departmentId: 13,
    },
    steps: [],
  },
  {
    ticket: {
      callerPhone: '13900002222',
      callerName: '李女士',
      category: 'help',
      urgency: 'urgent',
      address: '建设路66号阳光花园',
      content: '阳光花园小区从今天早上6点开始停水，没有任何通知，家里有老人和小孩，请尽快恢复供水。',
      departmentId: 13,
    },
    steps: [{ action: 'accept', by: 'h-utilities' }],
  },
  {
    ticket: {
      callerPhone: '0731-84561234',
      callerName: '王先生',
      category: 'complaint',
      address: '人民中路与五一大道交叉口',
      content: '路口施工围挡占用了人行道，行人只能走机动车道，非常危险，希望相关部门督促施工单位整改。',
      departmentId: 4,
    },
    steps: [
      { action: 'accept', by: 'h-housing' },
      { action: 'reply', by: 'h-housing', body: { reply: '经核查，施工单位已调整围挡范围，恢复人行通道，并增设安全警示标志。' } },
    ],
  },
  {
    ticket: { callerPhone: '15100003333', category: 'consultation', content: '想咨询一下新生儿医保怎么办理，需要带哪些材料？' },
    steps: [{ action: 'resolve', by: 'agent', body: { reply: '新生儿可在出生后三个月内凭出生医学证明和户口簿到社区服务中心办理参保登记。' } }],
  },
  {
    ticket: { callerPhone: '18600004444', category: 'report', content: '某餐馆后厨卫生条件极差，老鼠横行，使用过期食材，请依法查处。', address: '解放西路120号' },
    steps: [{ action: 'dispatch', by: 'agent', body: { departmentId: 3, note: '举报件，注意保密' } }],
  },
  {
    ticket: { callerPhone: '13700005555', callerName: '赵女士', category: 'complaint', content: '小区门口的公交站牌被撞坏一个多月了，一直没有人修。', departmentId: 4 },
    steps: [{ action: 'return', by: 'h-housing', body: { reason: '公交站牌属交通运输局管理，请改派。' } }],
  },
  {
    ticket: { callerPhone: '13600006666', callerName: '陈先生', category: 'suggestion', content: '建议在滨江公园增设几处公共厕所和饮水点，周末人很多，不太方便。' },
    steps: [],
  },
];
