// The security options' one check, as every original made it: `if opts.ssl_key and not
// opts.ssl_certificate`, so an empty value counts as not given.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sslKeyError } from '../../src/cli/security-options.js'

const MISSING = "missing '--ssl-certificate' (required by '--ssl-key')"

test('--ssl-key needs a non-empty --ssl-certificate; an empty --ssl-key is no key', () => {
  assert.equal(sslKeyError({ 'ssl-key': 'k.pem' }), MISSING)
  assert.equal(sslKeyError({ 'ssl-key': 'k.pem', 'ssl-certificate': '' }), MISSING)
  assert.equal(sslKeyError({ 'ssl-key': 'k.pem', 'ssl-certificate': 'c.pem' }), undefined)
  assert.equal(sslKeyError({ 'ssl-key': '' }), undefined)
  assert.equal(sslKeyError({}), undefined)
})
