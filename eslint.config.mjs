// Type-checked lint with zero warnings allowed (npm test runs it with --max-warnings 0).
import tseslint from 'typescript-eslint';

// Nothing but the Clock (libs/clock) reads the time: every "now" is injected, so a judgement can
// be replayed and tested with a pinned clock. Durations are measured with performance.now().
const TIME_READS = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message:
      'Date.now() reads the time: take now from the injected Clock (durations: performance.now()).',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'new Date() reads the time: take now from the injected Clock.',
  },
  {
    selector: "CallExpression[callee.name='Date']",
    message: 'Date() reads the time: take now from the injected Clock.',
  },
];

// Domain code (event schemas, projections, the Code rules) is a pure function of events and a
// clock passed in: it reads neither the time nor randomness nor a monotonic timer. It may still
// build a Date from a value (`new Date(iso)`, `new Date(ms)`, `Date.parse(iso)`): those are pure
// functions of their argument, and the domain parses ISO instants from events and turns day
// numbers into calendar dates; forbidding them would mean hand-written ISO parsing for nothing.
const DOMAIN_IMPURITIES = [
  ...TIME_READS,
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'Math.random() is not reproducible: domain code takes its inputs from events.',
  },
  {
    selector: "MemberExpression[object.name='performance']",
    message: 'performance reads a timer: domain code takes its time from the Clock passed in.',
  },
  {
    selector: "MemberExpression[object.name='crypto']",
    message: 'crypto brings randomness: domain code takes its inputs from events.',
  },
];

const TESTS = ['**/*.spec.ts', 'test/**/*.ts', 'libs/*/test/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'data/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
      'bench/**/node_modules/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true, requireDefaultForNonUnion: true },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Production code; tests, scripts and bench may read the time.
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'event-schemas/**/*.ts', 'projections/**/*.ts'],
    ignores: [...TESTS, 'libs/clock/**'],
    rules: { 'no-restricted-syntax': ['error', ...TIME_READS] },
  },
  {
    files: ['event-schemas/src/**/*.ts', 'projections/**/*.ts', 'libs/victims-code/src/**/*.ts'],
    ignores: TESTS,
    rules: { 'no-restricted-syntax': ['error', ...DOMAIN_IMPURITIES] },
  },
  {
    files: TESTS,
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      'no-console': 'off',
    },
  },
);
