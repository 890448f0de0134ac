"""Print documents: one HTML template for the screen and, through WeasyPrint, for the PDF."""
