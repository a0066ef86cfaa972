// `qpid-stat --acl`: the ACL module's statistics, pre-formatted as the original does
// (tools.md §2.9).

import type { QmfObject } from '../protocol/qmf-types.js'
import { commas, timeLong, yn } from './format.js'
import { jsonObject } from './json.js'
import { attr, type Snapshot } from './stat-view.js'
import { formattedTable } from './table.js'

/** `acl`: the broker's acl object, absent when the ACL module is not loaded. */
export function aclView(acl: QmfObject | undefined): Snapshot {
  if (!acl) return { text: 'ACL Policy Module is not installed\n', json: { acl: [] } }
  // The original calls these formatters directly, outside the table's `?` guard.
  const rows = [
    ['policy-file', attr(acl, 'policyFile')],
    ['enforcing', yn(attr(acl, 'enforcingAcl'))],
    ['has-transfer-acls', yn(attr(acl, 'transferAcl'))],
    ['last-acl-load', timeLong(attr(acl, 'lastAclLoad'))],
    ['acl-denials', commas(attr(acl, 'aclDenyCount'))],
  ]
  return {
    text: formattedTable('ACL Policy Statistics:', [{ text: 'Statistic' }, { text: 'Value' }], rows),
    json: { acl: [jsonObject(acl.values)] },
  }
}
