// What `qpid-stat --help` and optparse errors print (golden 79, 82): the synopsis and optparse's
// option listing (IndentedHelpFormatter, 80 columns), exactly as the original tool prints them.
// Options we added (--json, --watch) are documented in docs/qpid-stat.md, not here, so that
// scripts comparing the help text keep working.
export const USAGE = `Usage: qpid-stat -g [options]
       qpid-stat -c [options]
       qpid-stat -e [options]
       qpid-stat -q [options] [queue-name]
       qpid-stat -u [options]
       qpid-stat -m [options]
       qpid-stat --acl [options]
`

export const HELP = `${USAGE}
Options:
  -h, --help            show this help message and exit

  General Options:
    -b <url>, --broker=<url>
                        URL of the broker to query
    -t <secs>, --timeout=<secs>
                        Maximum time to wait for broker connection (in
                        seconds)
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

  Command Options:
    -g, --general       Show General Broker Stats
    -c, --connections   Show Connections
    -e, --exchanges     Show Exchanges
    -q, --queues        Show Queues
    -u, --subscriptions
                        Show Subscriptions
    -m, --memory        Show Broker Memory Stats
    --acl               Show Access Control List Stats

  Display Options:
    -S <colname>, --sort-by=<colname>
                        Sort by column name
    -I, --increasing    Sort by increasing value (default = decreasing)
    -L <n>, --limit=<n>
                        Limit output to n rows
`
