package attachments

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"baove/access"
)

// File is an attachment opened for download by a caller who may read it.
type File struct {
	Attachment
	store *Store
}

// Open returns attachment id for download. Whoever may read its owner may
// open it; for anyone else, and when there is none, it is ENOTFOUND (an
// administrator's is EFORBIDDEN).
func (s *Store) Open(ctx context.Context, c access.Caller, id int64) (*File, error) {
	var r record
	err := selectRecords(s.db, &r).Where("a.id = ?", id).Scan(ctx)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return nil, notFound(id)
	case err != nil:
		return nil, fmt.Errorf("attachments: open %d: %w", id, err)
	}
	if _, err := s.owners.province(ctx, c, r.owner()); err != nil {
		return nil, hidden(err, id)
	}
	return &File{Attachment: r.attachment(), store: s}, nil
}

// Copy writes the file's bytes to w, one chunk in memory at a time and a
// query per chunk (no connection is held while a slow client reads), and
// returns how many it wrote. It fails when a chunk cannot be read or the
// bytes read do not match their SHA-256 (w has then received them: the
// caller logs it).
func (f *File) Copy(ctx context.Context, w io.Writer) (int64, error) {
	h := sha256.New()
	var written int64
	for seq := 0; written < f.Size; seq++ {
		ch := chunk{AttachmentID: f.ID, Seq: seq}
		if err := f.store.db.NewSelect().Model(&ch).WherePK().Scan(ctx); err != nil {
			return written, fmt.Errorf("attachments: chunk %d of %d: %w", seq, f.ID, err)
		}
		h.Write(ch.Data)
		n, err := w.Write(ch.Data)
		written += int64(n)
		if err != nil {
			return written, err
		}
	}
	if sum := hex.EncodeToString(h.Sum(nil)); written != f.Size || sum != f.SHA256 {
		return written, fmt.Errorf("attachments: %d holds %d bytes of SHA-256 %s, not %d of %s", f.ID, written, sum, f.Size, f.SHA256)
	}
	return written, nil
}
