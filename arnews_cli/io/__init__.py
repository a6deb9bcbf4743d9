"""Reading, writing and rendering articles: everything that touches bytes or a terminal."""
