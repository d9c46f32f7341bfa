import fc from 'fast-check';

/** A date cell as a CSV gives it, at any of the four precisions ("2019", "2019-Q2", "2019-05", "2019-05-02"), in the years `from`–`to`. */
export function dateCell(from: number, to: number): fc.Arbitrary<string> {
  const year = fc.integer({ min: from, max: to });
  const two = (n: number) => String(n).padStart(2, '0');
  return fc.oneof(
    year.map(String),
    fc.tuple(year, fc.integer({ min: 1, max: 4 })).map(([y, q]) => `${y}-Q${q}`),
    fc.tuple(year, fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${two(m)}`),
    fc.tuple(year, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([y, m, d]) => `${y}-${two(m)}-${two(d)}`),
  );
}
