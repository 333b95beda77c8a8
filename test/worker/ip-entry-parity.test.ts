// The form checks Allowed IP entries before sending (components/api-token-form/ip-entry.ts),
// without ipaddr.js: it must answer as the worker's readIpEntry does, entry for entry.
import { describe, expect, it } from 'vitest'
import { checkIpEntry } from '../../components/api-token-form/ip-entry'
import { readIpEntry } from '../../worker/tokens/ip-allow-list'

const ENTRIES = [
  '192.0.2.1',
  ' 192.0.2.1 ',
  '10.0.0.0/8',
  '10.0.0.1/8',
  '10.0.0.5/24',
  '0.0.0.0/0',
  '1.2.3.4/32',
  '1.2.3.4/33',
  '1.2.3.4/',
  '1.2.3.4/08',
  '10.0.0.300',
  '010.0.0.1',
  '0x7f.0.0.1',
  '127.1',
  '1.2.3',
  '1.2.3.4.5',
  '',
  ' ',
  'abc',
  '1.2.3.4/24/1',
  '2001:db8::',
  '2001:DB8:0::/64',
  '2001:db8::1/64',
  '2001:db8::/129',
  '::',
  '::/0',
  '::1',
  '::1/128',
  'fe80::1%eth0',
  ':::',
  '1::2::3',
  '2001:db8:0:0:0:0:0:1',
  '2001:db8:0:0:0:0:0:1:2',
  '2001:db8::0:0:0:0:0:1',
  '12345::',
  'g::1',
  '::ffff:192.0.2.1',
  '::ffff:192.0.2.1/120',
  '::ffff:192.0.2.1/100',
  '::ffff:c000:201',
  '::ffff:192.0.2.300',
  '::192.0.2.1',
  '64:ff9b::192.0.2.1',
  '2001:db8::1.2.3',
  '1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4',
  'ffff::/1',
  '8000::/1',
  '2001:db8:1:2:3:4:5:6/48',
  'a:b:c:d:e:f:0:1/127',
  '::ffff:0.0.0.0/96',
  '::ffff:1.2.3.4/95',
]

describe('the form’s IP entry check', () => {
  it.each(ENTRIES)('answers %j as the worker does', (entry) => {
    const worker = readIpEntry(entry)
    const form = checkIpEntry(entry)
    if ('canonical' in worker) expect(form).toEqual({ ok: true })
    else expect(form).toEqual(worker)
  })
})
