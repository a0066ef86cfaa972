// The security options every original tool declared the same way (tools.md §0.2), and the one check
// they all made on them before connecting.
import type { OptionSpec, ParsedOptions } from './optparse.js'

/** After each tool's own SASL mechanism option, in the originals' order. */
export const SECURITY_OPTIONS = [
  { long: 'sasl-service-name', type: 'string' },
  { long: 'ssl-certificate', type: 'string' },
  { long: 'ssl-key', type: 'string' },
] as const satisfies readonly OptionSpec[]

/** The originals' `if opts.ssl_key and not opts.ssl_certificate: parser.error(...)` text, or undefined. */
export function sslKeyError(options: ParsedOptions): string | undefined {
  return options['ssl-key'] && !options['ssl-certificate']
    ? "missing '--ssl-certificate' (required by '--ssl-key')"
    : undefined
}
