export * from './rules';
export * from './routing-model';
export * from './similarity';
export * from './address';
