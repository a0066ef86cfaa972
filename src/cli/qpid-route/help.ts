// What `qpid-route --help` prints after the synopsis: the address description and optparse's
// option list, as the original renders them at optparse's default width (80 columns).
export const HELP_AFTER_USAGE = `
ADDRESS syntax:

      [username/password@] hostname
      ip-address [:<port>]

Options:
  -h, --help            show this help message and exit
  --timeout=<secs>      Maximum time to wait for broker connection (in
                        seconds)
  -v, --verbose         Verbose output
  -q, --quiet           Quiet output, don't print duplicate warnings
  -d, --durable         Added configuration shall be durable
  -e, --del-empty-link  Delete link after deleting last route on the link
  -s, --src-local       Make connection to source broker (push route)
  --ack=<n>             Acknowledge transfers over the bridge in batches of N
  --credit=<msgs>       Maximum number of messages a sender can have
                        outstanding (0=unlimited)
  -t <transport>, --transport=<transport>
                        Transport to use for links, defaults to tcp
  --client-sasl-mechanism=<mech>
                        SASL mechanism for authentication (e.g. EXTERNAL,
                        ANONYMOUS, PLAIN, CRAM-MD5, DIGEST-MD5, GSSAPI). Used
                        when the client connects to the destination broker
                        (not for authentication between the source and
                        destination brokers - that is specified using the
                        [mechanisms] argument to 'add route'). SASL
                        automatically picks the most secure available
                        mechanism - use this option to override.
  --sasl-service-name=SASL_SERVICE_NAME
                        SASL service name to use
  --ssl-certificate=<cert>
                        Client SSL certificate (PEM Format)
  --ssl-key=<key>       Client SSL private key (PEM Format)
  --ha-admin            Allow connection to a HA backup broker.
`
