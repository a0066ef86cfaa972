// What `qpid-config --help` prints after the synopsis: the description and optparse's option
// listing (IndentedHelpFormatter, 80 columns), exactly as the original tool prints them.
// Kept apart from the option table so that only --help loads it.
export const HELP_AFTER_USAGE = `

Examples:

$ qpid-config add queue q
$ qpid-config add exchange direct d -a localhost:5672
$ qpid-config exchanges -b 10.1.1.7:10000
$ qpid-config queues -b guest/guest@broker-host:10000

Add Exchange <type> values:

    direct     Direct exchange for point-to-point communication
    fanout     Fanout exchange for broadcast communication
    topic      Topic exchange that routes messages using binding keys with wildcards
    headers    Headers exchange that matches header fields against the binding keys
    xml        XML Exchange - allows content filtering using an XQuery


Queue Limit Actions:

    none (default) - Use broker's default policy
    reject         - Reject enqueued messages
    ring           - Replace oldest unacquired message with new

Replication levels:

    none           - no replication
    configuration  - replicate queue and exchange existence and bindings, but not messages.
    all            - replicate configuration and messages

Log <logstring> value:

    Comma separated <module>:<level> pairs, e.g. 'info+,debug+:Broker,trace+:Queue'


Options:
  -h, --help            show this help message and exit

  General Options:
    -t <secs>, --timeout=<secs>
                        Maximum time to wait for broker connection (in
                        seconds)
    -r, --recursive     Show bindings in queue or exchange list
    -b <address>, --broker=<address>
                        Address of qpidd broker with syntax:
                        [username/password@] hostname | ip-address [:<port>]
    -a <address>, --broker-addr=<address>
    --sasl-mechanism=<mech>
                        SASL mechanism for authentication (e.g. EXTERNAL,
                        ANONYMOUS, PLAIN, CRAM-MD5, DIGEST-MD5, GSSAPI). SASL
                        automatically picks the most secure available
                        mechanism - use this option to override.
    --sasl-service-name=SASL_SERVICE_NAME
                        SASL service name to use
    --ssl-certificate=<cert>
                        Client SSL certificate (PEM Format)
    --ssl-key=<key>     Client SSL private key (PEM Format)
    --ha-admin          Allow connection to a HA backup broker.

  Options for Listing Exchanges and Queues:
    --ignore-default    Ignore the default exchange in exchange or queue list

  Options for Adding Exchanges and Queues:
    --alternate-exchange=<aexname>
                        Name of the alternate-exchange for the new queue or
                        exchange. Exchanges route messages to the alternate
                        exchange if they are unable to route them elsewhere.
                        Queues route messages to the alternate exchange if
                        they are rejected by a subscriber or orphaned by queue
                        deletion.
    --durable           The new queue or exchange is durable.
    --replicate=<level>
                        Enable automatic replication in a HA cluster. <level>
                        is 'none', 'configuration' or 'all').

  Options for Adding Queues:
    --file-count=<n>    [legacystore] Number of files in queue's persistence
                        journal
    --file-size=<n>     [legactystore] File size in pages (64KiB/page)
    --efp-partition-num=<n>
                        [linearstore] EFP partition number
    --efp-pool-file-size=<n>
                        [linearstore] EFP file size (KiB)
    --wcache-page-size=<n>
                        [linearstore] Per-queue buffer page size (kiB), value
                        may be powers of 2 starting at 4 (4, 8, 16, 32...)
    --wcache-num-pages=<n>
                        [linearstore] Per-queue num buffer pages
    --max-queue-size=<n>
                        Maximum in-memory queue size as bytes
    --max-queue-count=<n>
                        Maximum in-memory queue size as a number of messages
    --limit-policy=<policy>
                        Action to take when queue limit is reached
    --lvq-key=<key>     Last Value Queue key
    --flow-stop-size=<n>
                        Turn on sender flow control when the number of queued
                        bytes exceeds this value.
    --flow-resume-size=<n>
                        Turn off sender flow control when the number of queued
                        bytes drops below this value.
    --flow-stop-count=<n>
                        Turn on sender flow control when the number of queued
                        messages exceeds this value.
    --flow-resume-count=<n>
                        Turn off sender flow control when the number of queued
                        messages drops below this value.
    --group-header=<header-name>
                        Enable message groups. Specify name of header that
                        holds group identifier.
    --shared-groups     Allow message group consumption across multiple
                        consumers.
    --argument=<NAME=VALUE>
                        Specify a key-value pair to add to queue arguments
    --start-replica=<broker-url>
                        Start replication from the same-named queue at
                        <broker-url>

  Options for Adding Exchanges:
    --sequence          Exchange will insert a 'qpid.msg_sequence' field in
                        the message header
    --ive               Exchange will behave as an 'initial-value-exchange',
                        keeping a reference  to the last message forwarded and
                        enqueuing that message to newly bound queues.

  Options for Deleting Queues:
    --force             Force delete of queue even if it's currently used or
                        it's not empty
    --force-if-not-empty
                        Force delete of queue even if it's not empty
    --force-if-used     Force delete of queue even if it's currently used

  Options for Declaring Bindings:
    -f <file.xq>, --file=<file.xq>
                        For XML Exchange bindings - specifies the name of a
                        file containing an XQuery.

  Formatting options for 'list' action:
    --show-property=<property-name>
                        Specify a property of an object to be included in
                        output
`
