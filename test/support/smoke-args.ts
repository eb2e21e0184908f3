// The flags of a smoke-profile run that writes its goldens and figures into folders of the test's own.
export const smokeRunFlags = (o: { figures: string; out: string; goldenDir: string; figuresDir: string }): string[] => [
  '--profile',
  'smoke',
  '--figure',
  o.figures,
  '--out',
  o.out,
  '--update-golden',
  '--golden-dir',
  o.goldenDir,
  '--figures-dir',
  o.figuresDir,
];
