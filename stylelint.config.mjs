// CSS is linted like TypeScript (issue 17): a merge that drops a closing brace turns every later rule into
// a nested one, which browsers accept silently. Nesting is forbidden outright, so that cannot hide again.
export default {
  extends: ['stylelint-config-standard'],
  ignoreFiles: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'],
  rules: {
    'max-nesting-depth': [0, { message: 'No nested rules: a nested rule here is almost always a rule whose closing brace was lost.' }],
    'selector-class-pattern': null,
    // Specificity order is a style preference; it flags working overrides (`.floor .asker` before `.asker`).
    'no-descending-specificity': null,
  },
};
