export default defineAppConfig({
  ui: {
    // NetBox's own UI is teal on slate; the shade used for filled buttons is set in main.css for contrast.
    colors: { primary: 'teal', neutral: 'slate' },
  },
});
