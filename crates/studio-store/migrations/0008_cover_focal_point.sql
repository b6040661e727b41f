-- Where a cover is cut: the focal point of its 3:4 crop, in thousandths of
-- the picture's width and height from the top left (NULL: the middle).
ALTER TABLE draft_media ADD COLUMN focal_x INTEGER CHECK (focal_x BETWEEN 0 AND 1000);
ALTER TABLE draft_media ADD COLUMN focal_y INTEGER CHECK (focal_y BETWEEN 0 AND 1000);
