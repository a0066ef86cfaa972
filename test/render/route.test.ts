// qpid-route's listings against canned link and bridge objects.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { QmfMap, QmfObject } from '../../src/protocol/qmf-types.js'
import { renderLinks } from '../../src/render/route-links.js'
import { renderRoutes, routeRows } from '../../src/render/route-list.js'
import { renderRouteMap } from '../../src/render/route-map.js'

const PKG = 'org.apache.qpid.broker'

function link(name: string, host: string, port: number, extra: QmfMap = {}): QmfObject {
  return {
    objectName: `${PKG}:link:${name}`,
    className: 'link',
    packageName: PKG,
    values: { name, host, port, transport: 'tcp', durable: false, state: 'Operational', lastError: '', ...extra },
    createTs: 0,
    updateTs: 0,
    deleteTs: 0,
  }
}

function bridge(l: QmfObject, name: string, values: QmfMap): QmfObject {
  return {
    objectName: `${PKG}:bridge:${l.objectName},${name}`,
    className: 'bridge',
    packageName: PKG,
    values: {
      linkRef: { _object_name: l.objectName },
      name,
      key: '',
      srcIsQueue: false,
      srcIsLocal: false,
      dynamic: false,
      ...values,
    },
    createTs: 0,
    updateTs: 0,
    deleteTs: 0,
  }
}

describe('link list', () => {
  it('fixed columns; long hosts run into the port, durable is Y/N', () => {
    const out = renderLinks([
      link('a', 'h1', 10002, { durable: true, state: 'Waiting', lastError: 'Connection refused' }),
      link('b', 'a-very-long-host-name', 5672),
    ])
    assert.equal(
      out,
      '\nHost            Port    Transport Durable  State             Last Error\n' +
        `${'='.repeat(77)}\n` +
        'h1              10002   tcp          Y     Waiting           Connection refused\n' +
        'a-very-long-host-name5672    tcp          N     Operational       \n',
    )
  })

  it('no links', () => {
    assert.equal(renderLinks([]), 'No Links Found\n')
  })
})

describe('route list', () => {
  it('key right-aligned in 10 columns, <dynamic>, queue routes show the queue; unknown links drop out', () => {
    const l = link('qpid.tcp:h2:5673', 'h2', 5673)
    const orphan = bridge(link('gone', 'x', 1), 'o', { dest: 'amq.direct', src: 'amq.direct', key: 'k' })
    const rows = routeRows(
      [l],
      [
        bridge(l, 'b1', { dest: 'amq.direct', src: 'amq.direct', key: 'a-long-routing-key' }),
        bridge(l, 'b2', { dest: 'amq.topic', src: 'amq.topic', dynamic: true }),
        bridge(l, 'b3', { dest: 'amq.fanout', src: 'q1', srcIsQueue: true, srcIsLocal: true }),
        orphan,
      ],
    )
    assert.equal(
      renderRoutes('u/p@h1:5672', rows),
      'u/p@h1:5672 h2:5673 amq.direct a-long-routing-key False\n' +
        'u/p@h1:5672 h2:5673 amq.topic  <dynamic> False\n' +
        'u/p@h1:5672 h2:5673 amq.fanout         q1 True\n',
    )
  })
})

describe('route map', () => {
  it('dynamic pairs in both directions print once as <=>; push routes point right', () => {
    const toB = link('l1', 'hb', 2)
    const toA = link('l2', 'ha', 1)
    const out = renderRouteMap([
      { bridge: bridge(toB, 'd1', { dest: 'x', src: 'x', dynamic: true }), link: toB, holder: 'ha:1' },
      { bridge: bridge(toA, 'd2', { dest: 'x', src: 'x', dynamic: true }), link: toA, holder: 'hb:2' },
      {
        bridge: bridge(toB, 's1', { dest: 'amq.direct', src: 'q9', srcIsQueue: true, srcIsLocal: true }),
        link: toB,
        holder: 'ha:1',
      },
      { bridge: bridge(toB, 's2', { dest: 'e1', src: 'e1', key: 'k' }), link: toB, holder: 'ha:1' },
    ])
    assert.equal(
      out,
      '\nDynamic Routes:\n\n  Exchange x:\n    hb:2 <=> ha:1\n\nStatic Routes:\n\n' +
        '  ha:1(queue=q9) => hb:2(ex=amq.direct)\n' +
        '  ha:1(ex=e1) <= hb:2(ex=e1) key=k\n\n',
    )
  })
})
