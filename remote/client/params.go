package client

import (
	"fmt"
	"net"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/remotemedia/remotemedia/core/node"
)

const (
	nodeType = "RemotePipelineNode"

	paramEndpoint     = "endpoint"
	paramEndpoints    = "endpoints"
	paramManifest     = "manifest"
	paramManifestPath = "manifest_path"
	paramTimeoutMs    = "timeout_ms"
	paramRetry        = "retry"
	paramAuthToken    = "auth_token"
	paramTLS          = "tls"
	paramMaxInFlight  = "max_in_flight"

	retryMaxRetries = "max_retries"
	retryBackoffMs  = "backoff_ms"
	tlsCAFile       = "ca_file"
	tlsServerName   = "server_name"

	defaultTimeoutMs   = 30000
	defaultMaxInFlight = 32
	defaultBackoffMs   = 1000
)

// config is a RemotePipelineNode's validated settings.
type config struct {
	endpoints   []string
	manifest    []byte // the sub-manifest's JSON
	timeout     time.Duration
	maxRetries  int
	backoff     time.Duration
	authToken   string
	tls         *tlsConfig // nil: plaintext
	maxInFlight int
}

type tlsConfig struct {
	caFile     string // "": the system's roots
	serverName string
}

func parseConfig(p node.Params, readFile func(string) ([]byte, error)) (*config, error) {
	c := &config{
		timeout:     time.Duration(p.Int(paramTimeoutMs)) * time.Millisecond,
		maxInFlight: int(p.Int(paramMaxInFlight)),
		backoff:     defaultBackoffMs * time.Millisecond,
	}
	var err error
	if c.endpoints, err = endpointsOf(p); err != nil {
		return nil, err
	}
	if c.manifest, err = manifestOf(p, readFile); err != nil {
		return nil, err
	}
	if p.Has(paramRetry) {
		if c.maxRetries, c.backoff, err = retryOf(p[paramRetry]); err != nil {
			return nil, err
		}
	}
	if p.Has(paramAuthToken) {
		if c.authToken, err = expandEnv(p.String(paramAuthToken)); err != nil {
			return nil, fmt.Errorf("%s: param %q: %w", nodeType, paramAuthToken, err)
		}
	}
	if p.Has(paramTLS) {
		if c.tls, err = tlsOf(p[paramTLS]); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func endpointsOf(p node.Params) ([]string, error) {
	var eps []string
	switch {
	case p.Has(paramEndpoint) && p.Has(paramEndpoints):
		return nil, fmt.Errorf("%s: set %q or %q, not both", nodeType, paramEndpoint, paramEndpoints)
	case p.Has(paramEndpoint):
		eps = []string{p.String(paramEndpoint)}
	case p.Has(paramEndpoints):
		list, _ := p[paramEndpoints].([]any)
		if len(list) == 0 {
			return nil, fmt.Errorf("%s: param %q: want a non-empty list of \"host:port\" strings", nodeType, paramEndpoints)
		}
		for i, v := range list {
			s, ok := v.(string)
			if !ok {
				return nil, fmt.Errorf("%s: param %q[%d]: want a \"host:port\" string, got %v", nodeType, paramEndpoints, i, v)
			}
			eps = append(eps, s)
		}
	default:
		return nil, fmt.Errorf("%s: set %q (\"host:port\") or %q (a list of them)", nodeType, paramEndpoint, paramEndpoints)
	}
	for _, ep := range eps {
		if err := checkEndpoint(ep); err != nil {
			return nil, fmt.Errorf("%s: endpoint %q: %w", nodeType, ep, err)
		}
	}
	return eps, nil
}

// checkEndpoint accepts host:port with a port in 1..65535, the form of
// upstream's endpoints ("localhost:50051").
func checkEndpoint(ep string) error {
	host, port, err := net.SplitHostPort(ep)
	if err != nil {
		return fmt.Errorf("want \"host:port\", e.g. \"127.0.0.1:50051\"")
	}
	if host == "" {
		return fmt.Errorf("the host is empty")
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("port %q is not a number in 1..65535", port)
	}
	return nil
}

func retryOf(v any) (int, time.Duration, error) {
	obj, ok := v.(map[string]any)
	if !ok {
		return 0, 0, fmt.Errorf("%s: param %q: want an object {%q, %q}", nodeType, paramRetry, retryMaxRetries, retryBackoffMs)
	}
	retries, backoff := int64(3), int64(defaultBackoffMs) // upstream's defaults
	for k, val := range obj {
		n, ok := wholeNumber(val)
		switch {
		case k != retryMaxRetries && k != retryBackoffMs:
			return 0, 0, fmt.Errorf("%s: param %q: unknown key %q (want %q, %q)", nodeType, paramRetry, k, retryMaxRetries, retryBackoffMs)
		case !ok || n < 0 || k == retryMaxRetries && n > 100 || n > 600_000:
			return 0, 0, fmt.Errorf("%s: param %q.%s: want a whole number in 0..%d, got %v", nodeType, paramRetry, k,
				map[string]int{retryMaxRetries: 100, retryBackoffMs: 600_000}[k], val)
		case k == retryMaxRetries:
			retries = n
		default:
			backoff = n
		}
	}
	return int(retries), time.Duration(backoff) * time.Millisecond, nil
}

// wholeNumber reads a JSON number (json.Number, float64 or int64) that has
// no fraction.
func wholeNumber(v any) (int64, bool) {
	switch n := v.(type) {
	case int64:
		return n, true
	case float64:
		return int64(n), n == float64(int64(n))
	case fmt.Stringer: // json.Number
		i, err := strconv.ParseInt(n.String(), 10, 64)
		return i, err == nil
	}
	return 0, false
}

func tlsOf(v any) (*tlsConfig, error) {
	switch t := v.(type) {
	case bool:
		if !t {
			return nil, nil
		}
		return &tlsConfig{}, nil
	case map[string]any:
		c := &tlsConfig{}
		for k, val := range t {
			s, ok := val.(string)
			switch {
			case k != tlsCAFile && k != tlsServerName:
				return nil, fmt.Errorf("%s: param %q: unknown key %q (want %q, %q)", nodeType, paramTLS, k, tlsCAFile, tlsServerName)
			case !ok:
				return nil, fmt.Errorf("%s: param %q.%s: want a string, got %v", nodeType, paramTLS, k, val)
			case k == tlsCAFile:
				c.caFile = s
			default:
				c.serverName = s
			}
		}
		return c, nil
	}
	return nil, fmt.Errorf("%s: param %q: want true, false or {%q, %q}, got %v", nodeType, paramTLS, tlsCAFile, tlsServerName, v)
}

var envRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expandEnv replaces each ${NAME} with the environment variable NAME; an
// unset one is an error, so a typo never sends an empty token.
func expandEnv(s string) (string, error) {
	var missing []string
	out := envRef.ReplaceAllStringFunc(s, func(ref string) string {
		name := envRef.FindStringSubmatch(ref)[1]
		v, ok := os.LookupEnv(name)
		if !ok {
			missing = append(missing, name)
		}
		return v
	})
	if len(missing) > 0 {
		return "", fmt.Errorf("environment variable %s is not set", strings.Join(missing, ", "))
	}
	return out, nil
}
