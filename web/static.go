package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
)

//go:embed static
var staticFiles embed.FS

// asset is an embedded file served under a name that carries a hash of its
// content ("app.3f2a9c0d1e.css"), so that browsers may keep it for a year
// and still never use an old one.
type asset struct {
	body  []byte
	ctype string
}

// contentTypes are the types of the embedded files, by extension (not
// from the machine's own list, which differs from one machine to another).
var contentTypes = map[string]string{
	".css": "text/css; charset=utf-8",
	".js":  "text/javascript; charset=utf-8",
	".svg": "image/svg+xml",
}

// assets holds the embedded files by hashed name; assetURLs maps each
// file's own name to its URL.
var assets, assetURLs = loadAssets()

func loadAssets() (map[string]asset, map[string]string) {
	byHash, urls := map[string]asset{}, map[string]string{}
	entries, err := fs.ReadDir(staticFiles, "static")
	if err != nil {
		panic(err)
	}
	for _, e := range entries {
		body, err := staticFiles.ReadFile("static/" + e.Name())
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(e.Name())
		hashed := strings.TrimSuffix(e.Name(), ext) + "." + hex.EncodeToString(sum[:5]) + ext
		byHash[hashed] = asset{body: body, ctype: contentTypes[ext]}
		urls[e.Name()] = "/static/" + hashed
	}
	return byHash, urls
}

// assetURL returns the URL of the embedded file name ("app.css"); it
// panics for a file that is not embedded, which the tests of every page
// would meet at once.
func assetURL(name string) string {
	u, ok := assetURLs[name]
	if !ok {
		panic("web: no embedded asset " + name)
	}
	return u
}

// static serves an embedded file by its hashed name, to be kept for a year.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	a, ok := assets[chi.URLParam(r, "name")]
	if !ok {
		s.notFound(w, r)
		return
	}
	w.Header().Set("Content-Type", a.ctype)
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
