import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Uuid } from '../../src/protocol/qmf-types.js'
import { commas, duration, formatCell, kmg, timeLong, timeShort, truthy, y, yn } from '../../src/render/format.js'

describe('KMG', () => {
  it('pads values below 1000 to four columns', () => {
    assert.equal(kmg(0), '   0')
    assert.equal(kmg(999), ' 999')
    assert.equal(kmg(-5), '  -5')
    assert.equal(kmg(true), '   1')
  })
  it('uses two decimals below 10k, one below 100k, none above', () => {
    assert.equal(kmg(1000), '1.00k')
    assert.equal(kmg(1500), '1.50k')
    assert.equal(kmg(3380), '3.38k')
    assert.equal(kmg(9999), '10.00k') // 9.999 < 10, so two decimals round up
    assert.equal(kmg(12345), '12.3k')
    assert.equal(kmg(99999), '100.0k')
    assert.equal(kmg(123456), ' 123k')
    assert.equal(kmg(332000), ' 332k')
    assert.equal(kmg(999999), ' 999k')
  })
  it('divides by 1000 with floor before the m and g ranges', () => {
    assert.equal(kmg(1_000_000), '1.00m')
    assert.equal(kmg(1_234_567), '1.23m')
    assert.equal(kmg(52_700_000), '52.7m')
    assert.equal(kmg(123_000_000), ' 123m')
    assert.equal(kmg(999_999_999), ' 999m')
    assert.equal(kmg(1_230_000_000), '1.23g')
    assert.equal(kmg(5_000_000_000_000), '5000g')
  })
  it('rounds exact binary ties to even as Python does', () => {
    assert.equal(kmg(1125), '1.12k') // 1.125 is exact: Python gives 1.12, toFixed would give 1.13
    assert.equal(kmg(1375), '1.38k')
    assert.equal(kmg(12250), '12.2k')
    assert.equal(kmg(12750), '12.8k')
    assert.equal(kmg(1005), '1.00k') // 1.005 is not exact and lies below the tie
  })
  it('fails on strings (cell shows ?)', () => {
    assert.throws(() => kmg('abc'))
    assert.equal(formatCell('KMG', 'abc'), '?')
  })
})

describe('COMMAS', () => {
  it('groups digits by three from the right', () => {
    assert.equal(commas(0), '0')
    assert.equal(commas(999), '999')
    assert.equal(commas(1000), '1,000')
    assert.equal(commas(1234567), '1,234,567')
    assert.equal(commas(967941), '967,941')
  })
  it('keeps the Python quirks for signs and non-numbers', () => {
    assert.equal(commas(-123456), '-,123,456')
    assert.equal(commas(-12345), '-12,345')
    assert.equal(commas(true), 'T,rue')
  })
})

describe('YN and Y', () => {
  it('follows Python truthiness', () => {
    assert.equal(yn(true), 'Y')
    assert.equal(yn(false), 'N')
    assert.equal(yn(0), 'N')
    assert.equal(yn(''), 'N')
    assert.equal(yn('x'), 'Y')
    assert.equal(y(1), 'Y')
    assert.equal(y(false), '')
    assert.equal(truthy({}), false)
    assert.equal(truthy([]), false)
    assert.equal(truthy({ a: 1 }), true)
    assert.equal(truthy(new Uuid(Buffer.alloc(16))), true)
  })
})

describe('DURATION', () => {
  const s = 1e9
  it('prints only the units from the largest non-zero one down', () => {
    assert.equal(duration(0), '0s')
    assert.equal(duration(3 * s), '3s')
    assert.equal(duration(125 * s), '2m 5s')
    assert.equal(duration(134 * s + 999_999_999), '2m 14s')
    assert.equal(duration(3600 * s), '1h 0m 0s')
    assert.equal(duration((2 * 86400 + 3 * 3600 + 4 * 60 + 5) * s), '2d 3h 4m 5s')
    assert.equal(duration(86400 * s), '1d 0h 0m 0s')
  })
  it('shows negative durations as 0s', () => {
    assert.equal(duration(-5 * s), '0s')
  })
  it('fails on non-numbers', () => {
    assert.equal(formatCell('DURATION', 'x'), '?')
  })
})

describe('TIME_LONG and TIME_SHORT', () => {
  it('formats nanoseconds since the epoch like C strftime %c / %X in UTC', () => {
    const ns = Date.UTC(2023, 10, 14, 22, 13, 20) * 1e6
    assert.equal(timeLong(ns), 'Tue Nov 14 22:13:20 2023')
    assert.equal(timeShort(ns), '22:13:20')
    assert.equal(timeLong(Date.UTC(2024, 0, 5, 1, 2, 3) * 1e6), 'Fri Jan  5 01:02:03 2024')
    assert.equal(timeLong(0), 'Thu Jan  1 00:00:00 1970')
  })
  it('fails on non-numbers', () => {
    assert.equal(formatCell('TIME_LONG', 'now'), '?')
  })
})

describe('formatCell', () => {
  it('shows None as empty in every format', () => {
    for (const f of ['NONE', 'KMG', 'YN', 'Y', 'TIME_LONG', 'TIME_SHORT', 'DURATION', 'COMMAS'] as const) {
      assert.equal(formatCell(f, null), '')
      assert.equal(formatCell(f, undefined), '')
    }
  })
  it('prints NONE cells with Python str()', () => {
    assert.equal(formatCell('NONE', 'q1'), 'q1')
    assert.equal(formatCell('NONE', 18943), '18943')
    assert.equal(formatCell('NONE', true), 'True')
    assert.equal(formatCell('NONE', { 'qpid.replicate': 'all', n: 1 }), "{'qpid.replicate': 'all', 'n': 1}")
    assert.equal(
      formatCell('NONE', new Uuid(Buffer.from('8db8b3287c2b42d99864afb189ebe253', 'hex'))),
      '8db8b328-7c2b-42d9-9864-afb189ebe253',
    )
  })
})
