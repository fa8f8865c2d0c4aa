-- Cells of the XLSX downloads as SpreadsheetML, rendered by DuckDB on all cores: the same obec row goes into the
-- country, kraj and ORP files, 37,500 rows × 60 cells a run, which took JavaScript over a second.
-- A cell has no reference ("B7": optional in ECMA-376, each cell is the one after the last), so the same bytes serve
-- every file; an empty value is an empty cell with a style, `<c s="10"/>` (xlsx_empty_style(), export/xlsx-writer.ts),
-- which keeps the next cell in its column.

-- XML 1.0 cannot carry most control characters at all: dropped, as the JS writer (export/xlsx-writer.ts) does.
-- Most texts (codes, names) need nothing: one scan finds those and leaves them as they are.
create or replace temp macro xlsx_escape(s) as
  case when not regexp_matches(s, '[&<>"\x{0}-\x{8}\x{B}\x{C}\x{E}-\x{1F}\x{FFFE}\x{FFFF}]') then s
       else replace(replace(replace(replace(
              regexp_replace(s, '[\x{0}-\x{8}\x{B}\x{C}\x{E}-\x{1F}\x{FFFE}\x{FFFF}]', '', 'g'),
              '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;') end;

-- xlsx_neutralize(s), against formula injection, and xlsx_formula_start(), the pattern it looks for, are made from
-- export/neutralize.ts (one rule for CSV and XLSX).

-- A text cell written with every care: formula starts neutralised, markup escaped, characters XML cannot carry
-- dropped, white space (RE2's \s: tab, LF, FF, CR, space) at either end kept only when marked.
create or replace temp macro xlsx_text_cell_careful(s) as
  '<c t="inlineStr"><is><t'
  || case when ascii(s) in (9, 10, 12, 13, 32) or ascii(right(s, 1)) in (9, 10, 12, 13, 32) then ' xml:space="preserve"' else '' end
  || '>' || xlsx_escape(xlsx_neutralize(s)) || '</t></is></c>';

-- Most texts (codes, names) need none of that care: one scan finds them (no formula start, nothing to escape or
-- drop, no white space at either end), and they are written as they are (test/pipeline/xlsx-writer.test.ts).
create or replace temp macro xlsx_text_cell(s) as
  case when s is null then '<c' || xlsx_empty_style() || '/>'
       when not regexp_matches(s, xlsx_formula_start() || '|[&<>"\x{0}-\x{1F}\x{FFFE}\x{FFFF}]|^\s|\s$')
         then '<c t="inlineStr"><is><t>' || s || '</t></is></c>'
       else xlsx_text_cell_careful(s) end;

-- A number written as the CSV writes it (cislo_text, macros.sql), with its column's style attribute (the number
-- format, export/xlsx-writer.ts; '' for none); an empty cell of that style for a missing or non-finite value.
create or replace temp macro xlsx_empty_cell(style) as
  '<c' || case when style = '' then xlsx_empty_style() else style end || '/>';
create or replace temp macro xlsx_number_cell(v, style) as
  case when v is null or not isfinite(v::double) then xlsx_empty_cell(style)
       else '<c' || style || '><v>' || cislo_text(v) || '</v></c>' end;

-- A whole-number column (INTEGER, BIGINT, …) needs no test of its value: it is written as cislo_text would write it.
create or replace temp macro xlsx_integer_cell(v, style) as
  case when v is null then xlsx_empty_cell(style) else '<c' || style || '><v>' || v::varchar || '</v></c>' end;
