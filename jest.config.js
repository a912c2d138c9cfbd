/** Jest in tiers by file suffix: unit (pure), int (real SQLite/PostgreSQL files and processes), e2e (HTTP). */
const swc = ['@swc/jest', { swcrc: false, jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' }, module: { type: 'commonjs' } }];
const tier = (name, timeout) => ({
  displayName: name,
  testMatch: [`<rootDir>/**/*.${name}.spec.ts`],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
  globalSetup: '<rootDir>/test/support/global-setup.js',
  slowTestThreshold: timeout / 1000,
});
module.exports = {
  projects: [tier('unit', 5000), tier('int', 30000), tier('e2e', 30000)],
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/skip-reporter.js'],
};
