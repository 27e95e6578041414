export * from './search-terms';
export * from './list-cursor';
