package exports

import "time"

// Stamp is what every report file carries in its metadata so that a copy
// can be traced to the report it is: the SHA-256 of its content and when
// it was generated.
//
// The content of a PDF is its bytes with the 64 hexadecimal digits of the
// hash written as zeros; of a workbook, its parts other than the document
// properties (docProps/), as the SHA-256 of the manifest `sha256sum`
// prints for them sorted by name. Either can be recomputed from the file
// alone (VerifyStamp), and the service also records the hash of the file
// as it was served.
type Stamp struct {
	ContentSHA256 string
	Generated     time.Time
}

// The names of the stamp in a file's metadata.
const (
	stampHashName = "baove-sha256"
	stampTimeName = "baove-generated"
)
