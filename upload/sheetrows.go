package upload

// rowStore keeps the rows of a sheet as they are read. Their cells are
// cut from slabs of cells, and their text from strings of the text of
// many rows, so that 10,000 rows take tens of allocations rather than
// tens of thousands, and memory no more than their cells and text.
type rowStore struct {
	rows    []rawRow
	slab    []cell     // where the next rows' cells are cut from
	text    []byte     // the text of the rows since the last string was made
	pending []textCell // the cells whose text is in text
}

// textCell is a cell whose text is text[from:to] until a string is made.
type textCell struct {
	c        *cell
	from, to int
}

// The sizes of a slab of cells and, about, of a string of the rows' text.
const (
	slabCells = 4096
	textChunk = 64 << 10
)

// add keeps the row numbered number: cells, whose text is in text.
func (st *rowStore) add(number int, cells []rowCell, text []byte) {
	if len(st.text)+len(text) > textChunk {
		st.seal()
	}
	base := len(st.text)
	st.text = append(st.text, text...)
	if len(st.slab) < len(cells) {
		st.slab = make([]cell, max(slabCells, len(cells)))
	}
	row := st.slab[:len(cells):len(cells)]
	st.slab = st.slab[len(cells):]
	for i, c := range cells {
		row[i] = c.cell
		if c.inText {
			st.pending = append(st.pending, textCell{c: &row[i], from: base + c.from, to: base + c.to})
		}
	}
	st.rows = append(st.rows, rawRow{number: number, cells: row})
}

// seal makes a string of the text kept, and gives the cells their text.
func (st *rowStore) seal() {
	text := string(st.text)
	for _, p := range st.pending {
		p.c.text = text[p.from:p.to]
	}
	st.text, st.pending = st.text[:0], st.pending[:0]
}

// all returns the rows kept.
func (st *rowStore) all() []rawRow {
	st.seal()
	return st.rows
}
