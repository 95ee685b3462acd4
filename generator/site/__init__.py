"""The directory a student reads: who is shown, its pages, links, photos and search data."""
