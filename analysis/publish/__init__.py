"""Stage 6, publish: the table of contents, re-executing the notebooks, serving and
pushing the site, printing the PDF edition."""
