"""The curation workbench: from a new document to reviewed claims, in the browser or a spreadsheet."""
