// Package upload reads uploaded XLSX and CSV files into rows of raw cells
// (Read) and checks typed values out of them, collecting every bad cell
// (Checker), for the imports of the domains that own the rows.
//
// Whatever a file holds, reading it costs bounded memory and time: an XLSX
// file is read as a stream of XML, part by part, never unpacked whole, and
// refused with ETOOLARGE (413) naming the limit as soon as it passes one
// (limits.go); at most two files are read at once. Only the workbook, its
// relationships, the shared strings and the first sheet are read; styles,
// themes and drawings never are. Text with a control character or that is
// not UTF-8 is refused naming its cell or, in CSV, its row.
package upload
