"""Imports from workbooks: the city's community list and the community records (设施, 队伍, 评选参与, 达标认定)."""
