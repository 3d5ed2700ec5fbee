"""Theme renderers for the demo sites: tagDiv Newspaper (classic and cloud templates) and JNews."""
