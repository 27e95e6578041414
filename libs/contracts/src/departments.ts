/** The 13 departments of the contract. Codes are fixed; ids are assigned in this order by the seed migration. */
export const DEPARTMENTS = [
  { code: 'health', name: '卫生健康局' },
  { code: 'commerce', name: '商务局' },
  { code: 'market', name: '市场监督管理局' },
  { code: 'housing', name: '住房和城乡建设局' },
  { code: 'transport', name: '交通运输局' },
  { code: 'resources', name: '自然资源和规划局' },
  { code: 'environment', name: '生态环境局' },
  { code: 'education', name: '教育局' },
  { code: 'hrss', name: '人力资源和社会保障局' },
  { code: 'civil', name: '民政局' },
  { code: 'police', name: '公安局' },
  { code: 'urban', name: '综合行政执法局' },
  { code: 'utilities', name: '水电气公用事业' },
] as const;

export type DepartmentCode = (typeof DEPARTMENTS)[number]['code'];
