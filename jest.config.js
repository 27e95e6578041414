/** Two projects: fast unit specs beside the code, and integration tests in test/ against real MariaDB and Redis. */
// ts-jest in transpile-only mode (isolatedModules): types are checked by `npm run typecheck`, not per test run.
const tsJest = [
  'ts-jest',
  {
    isolatedModules: true,
    tsconfig: {
      target: 'ES2022',
      module: 'commonjs',
      allowJs: true,
      esModuleInterop: true,
      experimentalDecorators: true,
      emitDecoratorMetadata: true,
      useDefineForClassFields: false,
    },
  },
];
const ESM_ONLY = ['content-disposition'];
const shared = {
  // Some dependencies of @fastify/static ship ESM only; Node 20 loads them with require(esm), jest needs them transformed.
  transform: { '^.+\\.(ts|js|mjs)$': tsJest },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleNameMapper: {
    '^@hotline/contracts$': '<rootDir>/libs/contracts/src',
    '^@hotline/domain$': '<rootDir>/libs/domain/src',
  },
  testEnvironment: 'node',
  rootDir: __dirname,
};
module.exports = {
  // generous: the suites share two cores with other work, and a spawned API takes seconds to start there
  testTimeout: 60000,
  projects: [
    // fault tests (npm run test:chaos): their own MariaDB and Redis, processes killed; one at a time
    { ...shared, displayName: 'chaos', testMatch: ['<rootDir>/test/chaos/**/*.chaos-spec.ts'] },
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/libs/*/src/**/*.spec.ts', '<rootDir>/apps/api/src/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/chaos/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
    },
  ],
};
