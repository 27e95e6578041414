export * from './transitions';
export * from './deadline';
export * from './phone';
export * from './ticket-number';
export * from './business-calendar';
export * from './kpi';
export * from './periods';
export * from './keywords';
