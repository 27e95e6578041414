export * from './enums';
export * from './departments';
export * from './dto';
export * from './events';
export * from './kpi';
export * from './understanding';
export * from './supervision';
