/**
 * The house rules of the engine, checked by `npm test` (docs/architecture.md explains them).
 * Floors, lowest first; an import only ever points to the same floor or a lower one:
 *   1 model   2 codecs   3 layout   4 rules   5 families   6 formats, image, inspect, compare, picture
 *   7 editor, presets   8 worker, cli, app
 * Tests and test support may import anything (they are not the engine) but still no circles.
 */
const FLOORS = [
  ['src/model'],
  ['src/codecs'],
  ['src/layout'],
  ['src/rules'],
  ['src/families'],
  ['src/formats', 'src/image', 'src/inspect', 'src/compare', 'src/picture'],
  ['src/editor', 'src/presets'],
  ['src/worker', 'src/cli', 'app'],
];

const TESTS = '(\\.test\\.tsx?$|^src/test-support/)';
const roomsPattern = (rooms) => `^(${rooms.join('|')})/`;

/** One rule per floor: nothing on it imports a room of a higher floor. */
const floorRules = FLOORS.slice(0, -1).map((rooms, index) => ({
  name: `floor-${index + 1}-looks-down`,
  comment: `${rooms.join(', ')} may import only rooms of floor ${index + 1} or lower`,
  severity: 'error',
  from: { path: roomsPattern(rooms), pathNot: TESTS },
  to: { path: roomsPattern(FLOORS.slice(index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Circular imports (type-only ones too) hide which module depends on which.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...floorRules,
    {
      name: 'engine-not-app',
      comment: 'The engine never imports the React UI.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^app/' },
    },
    {
      name: 'engine-no-node',
      comment: 'The engine runs in a Web Worker and in the browser: no Node modules outside the CLI and tests.',
      severity: 'error',
      from: { path: '^src/', pathNot: `(^src/cli/|^src/worker/entry\\.ts$|${TESTS})` },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'codecs-know-only-the-model',
      comment: 'A codec reads and writes one format: it imports only the model and shared codec helpers.',
      severity: 'error',
      from: { path: '^src/codecs/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/(model|codecs)/' },
    },
    {
      name: 'codecs-stay-in-their-folder',
      comment: "A codec folder uses the shared helpers in src/codecs/*.ts, never another codec's folder.",
      severity: 'error',
      from: { path: '^src/codecs/([^/]+)/', pathNot: TESTS },
      to: { path: '^src/codecs/[^/]+/', pathNot: '^src/codecs/$1/' },
    },
    {
      name: 'family-folders-behind-their-registries',
      comment: "Only the family registry and the format registry's entries import a family's folder.",
      severity: 'error',
      from: { pathNot: `(^src/families/|^src/formats/[^/]+\\.ts$|${TESTS})` },
      to: { path: '^src/families/[^/]+/' },
    },
    {
      name: 'families-stand-alone',
      comment: 'A family folder never imports another family folder.',
      severity: 'error',
      from: { path: '^src/families/([^/]+)/' },
      to: { path: '^src/families/[^/]+/', pathNot: '^src/families/$1/' },
    },
    {
      name: 'faces-are-leaves',
      comment: 'The worker and the CLI are faces: nothing in the engine imports them.',
      severity: 'error',
      from: { path: '^src/', pathNot: `(^src/(cli|worker)/|${TESTS})` },
      to: { path: '^src/(cli|worker)/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'Every import resolves to a file or an installed package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|dist-cli|reports)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
