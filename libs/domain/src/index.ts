export * from './transitions';
export * from './deadline';
export * from './phone';
export * from './ticket-number';
export * from './business-calendar';
