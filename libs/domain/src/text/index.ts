export * from './rules';
export * from './routing-model';
export * from './similarity';
export * from './address';
export * from './clauses';
export * from './emergency';
export * from './catalogue';
export * from './urgency-assessment';
