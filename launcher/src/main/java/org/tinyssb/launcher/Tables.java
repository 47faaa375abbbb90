package org.tinyssb.launcher;

import java.util.List;

/** Plain-text tables with aligned columns, for console output. */
final class Tables {
    private Tables() {
    }

    /**
     * @param rows       first row is the header
     * @param alignRight per column, whether to right-align (numbers)
     */
    static String format(List<String[]> rows, boolean[] alignRight) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < columns; c++) {
                String cell = r[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(alignRight[c] ? pad + cell : cell + pad);
                if (c < columns - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (i == 0) {
                StringBuilder rule = new StringBuilder("  ");
                for (int c = 0; c < columns; c++) {
                    rule.append("-".repeat(width[c]));
                    if (c < columns - 1) {
                        rule.append("  ");
                    }
                }
                out.append(rule).append('\n');
            }
        }
        return out.toString();
    }
}
