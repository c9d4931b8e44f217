import { ms, renderTable } from './table';

describe('renderTable', () => {
  it('pads columns to the widest cell and marks missed targets', () => {
    const text = renderTable([
      {
        title: 'Latency',
        rows: [
          {
            measure: 'status warm p95',
            result: '3.10 ms',
            target: '< 25 ms',
            met: true,
          },
          {
            measure: 'history p95',
            result: '31.0 ms',
            target: '< 20 ms',
            met: false,
          },
        ],
      },
      { title: 'Calls', rows: [{ measure: 'naive', result: '1050' }] },
    ]);
    expect(text.split('\n')).toEqual([
      'measure          result   target   met',
      '---------------  -------  -------  ---',
      '',
      'Latency',
      'status warm p95  3.10 ms  < 25 ms  yes',
      'history p95      31.0 ms  < 20 ms  NO',
      '',
      'Calls',
      'naive            1050',
    ]);
  });
});

describe('ms', () => {
  it('keeps precision where it matters', () => {
    expect(ms(3.14159)).toBe('3.14 ms');
    expect(ms(31.415)).toBe('31.4 ms');
    expect(ms(314.15)).toBe('314 ms');
  });
});
