'use strict';
const swcOptions = require('./tools/swc-options')();

/** One Jest run over every project; levels are told apart by file name. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, sourceMaps: 'inline' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 60000,
  // Integration tests start servers and child processes; two workers fit 2 cores.
  maxWorkers: 2,
  reporters: ['default', '<rootDir>/tools/summary-reporter.js'],
};
