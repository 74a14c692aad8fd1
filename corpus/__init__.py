"""Reading articles and the NLP: models, readers, the spaCy pipeline, quotes, speakers, entities."""
